package jp.kpireview.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import jp.kpireview.engine.MunicipalityReview;

/**
 * The reports of one run, handled together: each municipality goes to every report, and the reports are put in
 * place only once all of them are complete. Closing without {@link #commit()} throws every unfinished one away.
 */
public final class Reports implements AutoCloseable {

    private final List<ReportWriter> writers = new ArrayList<>();
    private final Path createdFolder;
    private boolean committed;

    private Reports(Path createdFolder) {
        this.createdFolder = createdFolder;
    }

    /**
     * Opens the reports one by one in {@code folder}, so that a failure to open one closes those already open. A
     * folder the run created is removed again if the run fails: a failed run leaves nothing behind.
     */
    @SafeVarargs
    public static Reports open(Path folder, Supplier<? extends ReportWriter>... openers) {
        Reports reports = new Reports(createFolder(folder));
        try {
            for (Supplier<? extends ReportWriter> opener : openers) {
                reports.writers.add(opener.get());
            }
            return reports;
        } catch (RuntimeException e) {
            reports.close();
            throw e;
        }
    }

    public static Reports open(Path folder, List<Supplier<? extends ReportWriter>> openers) {
        @SuppressWarnings("unchecked")
        Supplier<? extends ReportWriter>[] array = openers.toArray(Supplier[]::new);
        return open(folder, array);
    }

    private static Path createFolder(Path folder) {
        try {
            return Files.isDirectory(folder) ? null : Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
        }
    }

    public void add(MunicipalityReview review) {
        writers.forEach(w -> w.add(review));
    }

    /** Finishes each report and renames it into place. */
    public void commit() {
        writers.forEach(ReportWriter::commit);
        committed = true;
    }

    @Override
    public void close() {
        writers.forEach(ReportWriter::close);
        if (!committed && createdFolder != null) {
            try {
                Files.deleteIfExists(createdFolder);
            } catch (IOException ignored) {
                // not empty (someone else wrote there) or gone: either way nothing of ours is left
            }
        }
    }
}
