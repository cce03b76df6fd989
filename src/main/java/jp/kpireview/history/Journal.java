package jp.kpireview.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.kpireview.io.AtomicFile;
import jp.kpireview.io.FileFailure;

/**
 * The note a publish leaves in the repository while it writes the rule folder: the commit it is writing. Present
 * only between the moment before the branch moves and the moment the last file is written, so one found at open
 * means a publish was killed in between.
 */
final class Journal {

    private final Path file;

    Journal(Path gitDir) {
        this.file = gitDir.resolve("kpi-review-publishing");
    }

    boolean present() {
        return Files.isRegularFile(file);
    }

    /** The commit being written (40 hex digits). */
    String commit() {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.READ, file, e);
        }
    }

    void write(String commit) {
        try (AtomicFile out = AtomicFile.create(file)) {
            out.stream().write(commit.getBytes(StandardCharsets.US_ASCII));
            out.commit();
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.WRITE, file, e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.DELETE, file, e);
        }
    }
}
