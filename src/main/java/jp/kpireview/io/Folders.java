package jp.kpireview.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary folders: an upload's, a service request's, a test browser's. */
public final class Folders {

    private Folders() {
    }

    /** Deletes the folder and everything in it, deepest first; a file already gone is no error. */
    public static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
