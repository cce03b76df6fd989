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
        description = "ルールのフォルダの前の版を、validate と test-rules と同じ確かめの後、新しい版として戻します。"
                + "動いているサービスは、ほかの編集と同じように取り込みます (brings back an earlier version).")
final class RestoreCommand implements Callable<Integer> {

    @Parameters(paramLabel = "VERSION",
            description = "戻す版: history の番号 (またはその先頭)、最新の一つ前は HEAD~1、報告書に出た方針の版"
                    + " (rules@1a2b3c4d) (the version to bring back).")
    String version;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
            description = "理由 (版とともに履歴に残ります) (why).")
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
