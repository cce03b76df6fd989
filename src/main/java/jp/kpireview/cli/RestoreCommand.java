package jp.kpireview.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import jp.kpireview.history.ChecksFailed;
import jp.kpireview.history.PolicyHistory;
import jp.kpireview.history.Version;
import jp.kpireview.history.Publisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Brings back an earlier version of a rule folder as a new version, after checking it as"
                + " validate and test-rules do. A running service takes it as it takes any edit.")
final class RestoreCommand implements Callable<Integer> {

    @Parameters(paramLabel = "VERSION",
            description = "The version to bring back: its id from history (or its start), HEAD~1 for the one before"
                    + " the latest, or a policy version a report printed (rules@1a2b3c4d).")
    String version;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
            description = "Why (kept in the history with the version).")
    String reason;

    @Mixin
    AuthorOption author;

    @Mixin
    HistoryOption history;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (PolicyHistory h = history.open()) {
            Version taken = Publisher.restore(h, version, author.name, reason, Runnable::run);
            out.println("版 " + taken.restoredFrom() + " を新しい版 " + taken.shortId() + " として戻しました: "
                    + String.join("、", taken.policies()));
            HistoryCommand.print(out, taken);
        } catch (ChecksFailed e) {
            PrintWriter err = spec.commandLine().getErr();
            e.findings().forEach(err::println);
            err.println("誤り: " + e.getMessage());
            err.flush();
            return Main.BAD_INPUT;
        }
        out.flush();
        return Main.OK;
    }
}
