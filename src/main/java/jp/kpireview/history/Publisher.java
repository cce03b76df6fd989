package jp.kpireview.history;

import java.util.List;
import java.util.SortedMap;
import java.util.function.Consumer;
import jp.kpireview.validate.CheckReport;
import jp.kpireview.validate.PolicyCheck;

/**
 * Takes a new version of a rule folder the way the service takes an edit: laid out beside the folder, checked as
 * {@code validate} and {@code test-rules} check it (errors and failing scenarios refuse it), then published in the
 * history made against the version it was checked against.
 */
public final class Publisher {

    private Publisher() {
    }

    /**
     * Brings back the files of version {@code name} as a new version.
     *
     * @param inFolder runs the writing of the folder (the service passes its rule holder's lock)
     */
    public static Version restore(PolicyHistory history, String name, String author, String reason,
            Consumer<Runnable> inFolder) {
        Version old = history.version(name);
        Version head = history.head();
        SortedMap<String, byte[]> files = history.files(old);
        if (FolderFiles.differences(files, history.files(head)).isEmpty()) {
            throw new HistoryException("版 " + old.shortId() + " のファイルは今の版 " + head.shortId() + " と同じです:"
                    + " 戻すものがありません");
        }
        return publish(history, head.id(), files, new Change(author, reason,
                Version.Kind.RESTORED, List.of(), old.shortId()), inFolder, "版 " + old.shortId());
    }

    /**
     * Checks {@code files} and publishes them as made against {@code base}; the change's policy versions are those
     * of the checked files.
     */
    public static Version publish(PolicyHistory history, String base, SortedMap<String, byte[]> files,
            Change change, Consumer<Runnable> inFolder, String what) {
        try (Staging staging = Staging.of(history.folder(), files)) {
            List<PolicyCheck.PeriodReport> reports = staging.check();
            if (!staging.clean()) {
                // the errors, and the warnings of a period whose scenarios fail (a failing case is a warning of test-rules)
                throw new ChecksFailed(what, reports.stream().flatMap(r -> r.report().findings().stream()
                        .filter(f -> f.level() == CheckReport.Level.ERROR || r.report().failedCases() > 0)).toList());
            }
            return history.publish(base, files, new Change(change.author(), change.reason(),
                    change.kind(), staging.policies(), change.restoredFrom(), change.publisher()), inFolder);
        }
    }
}
