package jp.kpireview.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/** Writes a whole text file in one go through an {@link AtomicFile}: readers never see half of it. */
public final class AtomicFiles {

    /** Produces the content of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, Content content) {
        try (AtomicFile file = AtomicFile.create(target)) {
            content.writeTo(file.writer());
            file.commit();
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.WRITE, target, e);
        }
    }
}
