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
            description = "ルールのフォルダ (既定: ${DEFAULT-VALUE}) (the rule folder).")
    Path rules;

    @Option(names = "--history", paramLabel = "DIR",
            description = "ルールのフォルダの履歴 (git のリポジトリ)。既定: フォルダの隣の「フォルダ名.history」。初めて"
                    + "使うとき、フォルダのファイルを最初の版として作ります (the rule folder's history).")
    Path dir;

    /** The history of the rule folder, made when there is none yet. */
    PolicyHistory open() {
        return PolicyHistory.open(rules, dir != null ? dir : PolicyHistory.defaultDir(rules),
                () -> Staging.policies(rules));
    }
}
