package jp.kpireview.cli;

import java.nio.file.Path;
import java.util.List;
import jp.kpireview.history.PolicyHistory;
import jp.kpireview.history.Staging;
import picocli.CommandLine.Option;

/** {@code --history DIR}: where the rule folder's versions are kept (a git repository beside the folder). */
final class HistoryOption {

    @Option(names = "--history", paramLabel = "DIR",
            description = "The rule folder's history, a git repository (default: the rule folder's name with"
                    + " .history, beside it; made on first use with the folder's files as the first version).")
    Path dir;

    /** The history of {@code rules}, made when there is none yet. */
    PolicyHistory open(Path rules) {
        return PolicyHistory.open(rules, dir != null ? dir : PolicyHistory.defaultDir(rules), () -> policies(rules));
    }

    /** The policy versions of the folder as it is, or none when its layout cannot be read (the check says why). */
    static List<String> policies(Path rules) {
        try {
            return Staging.policies(rules);
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
