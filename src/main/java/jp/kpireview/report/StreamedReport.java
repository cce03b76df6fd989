package jp.kpireview.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jp.kpireview.io.AtomicFile;

/** A report written as one file, part after part, and put in place at commit. */
abstract class StreamedReport<P> implements ReportWriter<P> {

    private final AtomicFile file;

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

    final void write(CharSequence text) {
        write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    final UncheckedIOException failure(IOException e) {
        return new UncheckedIOException("cannot write " + file.target() + ": " + e.getMessage(), e);
    }

    @Override
    public void commit() {
        file.commit();
    }

    @Override
    public void close() {
        file.close();
    }
}
