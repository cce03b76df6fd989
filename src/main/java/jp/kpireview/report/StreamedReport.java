package jp.kpireview.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jp.kpireview.io.AtomicFile;
import jp.kpireview.io.FileFailure;

/** A report written as one file, part after part, and put in place at commit. */
abstract class StreamedReport<P> implements ReportWriter<P> {

    private final AtomicFile file;
    private boolean finished;

    StreamedReport(Path target) {
        file = AtomicFile.create(target);
    }

    final void write(byte[] bytes) {
        try {
            file.stream().write(bytes);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Writes a rendered part from the buffer it was rendered into (not from a copy of it). */
    final void write(ByteArrayOutputStream part) {
        try {
            part.writeTo(file.stream());
        } catch (IOException e) {
            throw failure(e);
        }
    }

    final void write(CharSequence text) {
        write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    final UncheckedIOException failure(IOException e) {
        return FileFailure.of(FileFailure.Act.WRITE, file.target(), e);
    }

    /** Writes what comes after the last part, e.g. the closing brackets of a JSON document. */
    void complete() {
    }

    @Override
    public final void finish() {
        if (!finished) {
            complete();
            file.finish();
            finished = true;
        }
    }

    @Override
    public void commit() {
        finish();
        file.commit();
    }

    @Override
    public void close() {
        file.close();
    }
}
