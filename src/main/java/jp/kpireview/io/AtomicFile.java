package jp.kpireview.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * A file written in steps that readers see either as before or whole, never half written: the content goes to a
 * temporary file beside the target, and {@link #commit()} renames it over the target. Closing without commit (an
 * error on the way) deletes the temporary file and leaves the target as it was.
 */
public final class AtomicFile implements Closeable {

    private final Path target;
    private final Path temp;
    private final OutputStream stream;
    private Writer writer;
    private boolean done;

    private AtomicFile(Path target, Path temp, OutputStream stream) {
        this.target = target;
        this.temp = temp;
        this.stream = stream;
    }

    public static AtomicFile create(Path target) {
        Path absolute = target.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            // createFile, not createTempFile: the report gets the usual permissions (umask), not owner-only ones
            Path temp = Files.createFile(absolute.resolveSibling(
                    "." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp"));
            return new AtomicFile(absolute, temp, new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16));
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.WRITE, target, e);
        }
    }

    /** The content as bytes (e.g. a workbook). Use either this or {@link #writer()}. */
    public OutputStream stream() {
        return stream;
    }

    /** The content as UTF-8 text. */
    public Writer writer() {
        if (writer == null) {
            writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        }
        return writer;
    }

    public Path target() {
        return target;
    }

    /** Completes the content: everything is written to the temporary file, which is not in place yet. */
    public void finish() {
        try {
            if (writer != null) {
                writer.close();
            }
            stream.close();
        } catch (IOException e) {
            close();
            throw FileFailure.of(FileFailure.Act.WRITE, target, e);
        }
    }

    /** Puts the whole file in place. */
    public void commit() {
        try {
            finish();
            move();
            done = true;
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.WRITE, target, e);
        } finally {
            close();
        }
    }

    /** Without a commit, throws the unfinished content away. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            stream.close();
        } catch (IOException ignored) {
            // the failure that got us here is the one worth reporting
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // as above
        }
    }

    private void move() throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
