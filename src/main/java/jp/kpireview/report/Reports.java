package jp.kpireview.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import jp.kpireview.engine.MunicipalityReview;
import jp.kpireview.io.FileFailure;

/**
 * The reports of one run, handled together: each municipality is rendered for every report (on any thread) and the
 * parts appended in input order; the reports are put in place only once the run is complete. Closing without
 * {@link #commit()} throws every unfinished one away.
 */
public final class Reports implements AutoCloseable {

    /** One municipality rendered for every report of the run, in the order of the reports. */
    public static final class Rendered {
        private final List<Object> parts;

        private Rendered(List<Object> parts) {
            this.parts = parts;
        }
    }

    private final List<ReportWriter<?>> writers = new ArrayList<>();
    private final Path createdFolder;
    private boolean committed;

    private Reports(Path createdFolder) {
        this.createdFolder = createdFolder;
    }

    /**
     * Opens the reports one by one in {@code folder}, so that a failure to open one closes those already open. A
     * folder the run created is removed again if the run fails: a failed run leaves nothing behind.
     */
    public static Reports open(Path folder, List<Supplier<? extends ReportWriter<?>>> openers) {
        Reports reports = new Reports(createFolder(folder));
        try {
            for (Supplier<? extends ReportWriter<?>> opener : openers) {
                reports.writers.add(opener.get());
            }
            return reports;
        } catch (RuntimeException e) {
            reports.close();
            throw e;
        }
    }

    private static Path createFolder(Path folder) {
        try {
            return Files.isDirectory(folder) ? null : Files.createDirectories(folder);
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.CREATE, folder, e);
        }
    }

    /** Renders a municipality for every report; safe to call from several threads at once. */
    public Rendered render(MunicipalityReview review) {
        List<Object> parts = new ArrayList<>(writers.size());
        writers.forEach(w -> parts.add(w.render(review)));
        return new Rendered(parts);
    }

    /** Appends a rendered municipality to every report; called in input order. */
    public void add(Rendered rendered) {
        for (int i = 0; i < writers.size(); i++) {
            append(writers.get(i), rendered.parts.get(i));
        }
    }

    /** Renders and appends in one go (a single-threaded caller). */
    public void add(MunicipalityReview review) {
        add(render(review));
    }

    @SuppressWarnings("unchecked")
    private static <P> void append(ReportWriter<P> writer, Object part) {
        writer.add((P) part);
    }

    /** Completes every report first, then renames each into place: a report that fails leaves the others too. */
    public void commit() {
        writers.forEach(ReportWriter::finish);
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
