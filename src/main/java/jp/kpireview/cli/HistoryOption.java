package jp.kpireview.cli;

import java.nio.file.Path;
import jp.kpireview.history.PolicyHistory;
import jp.kpireview.history.Staging;
import picocli.CommandLine.Option;

/**
 * {@code --rules DIR} and {@code --history DIR}: a rule folder and where its versions are kept (a git repository
 * beside the folder), for the commands that read or write the history.
 */
final class HistoryOption {

    @Option(names = "--rules", converter = InputPath.class, paramLabel = "DIR", defaultValue = "rules",
            description = "Rule folder (default: ${DEFAULT-VALUE}).")
    Path rules;

    @Option(names = "--history", paramLabel = "DIR",
            description = "The rule folder's history, a git repository (default: the rule folder's name with"
                    + " .history, beside it; made on first use with the folder's files as the first version).")
    Path dir;

    /** The history of the rule folder, made when there is none yet. */
    PolicyHistory open() {
        return PolicyHistory.open(rules, dir != null ? dir : PolicyHistory.defaultDir(rules),
                () -> Staging.policies(rules));
    }
}
