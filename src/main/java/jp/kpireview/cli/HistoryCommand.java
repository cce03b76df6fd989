package jp.kpireview.cli;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import jp.kpireview.history.PolicyHistory;
import jp.kpireview.history.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "ルールのフォルダの版を新しい順に示します: いつ、だれが、なぜ、その版の報告書に出る方針の版、"
                + "変わったファイル (lists the versions of a rule folder, newest first).")
final class HistoryCommand implements Callable<Integer> {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm xxx");

    @Mixin
    HistoryOption history;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N",
            description = "示す版の数 (既定: ${DEFAULT-VALUE}) (how many versions to list).")
    int limit;

    @Option(names = "--record", paramLabel = "REASON",
            description = "フォルダを直接編集した内容を、この理由で新しい版として記録します (validate と test-rules の"
                    + "確かめが通ったときだけ) (records the edits made on disk as a new version).")
    String record;

    @Mixin
    AuthorOption author;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (PolicyHistory h = history.open()) {
            if (record != null) {
                Integer refused = record(h, out);
                if (refused != null) {
                    return refused;
                }
            }
            var versions = h.versions();
            out.println(history.rules + " の履歴 (" + h.gitDir() + "): " + versions.size() + " 版");
            versions.stream().limit(Math.max(1, limit)).forEach(v -> print(out, v));
            var unrecorded = h.unrecorded();
            if (!unrecorded.isEmpty()) {
                out.println("まだ履歴にない編集: " + String.join("、", unrecorded));
            }
        }
        out.flush();
        return Main.OK;
    }

    /** Records the folder when it passes its checks; the exit code when it does not (its findings printed). */
    private Integer record(PolicyHistory h, PrintWriter out) {
        if (h.unrecorded().isEmpty()) {
            out.println("記録する編集はありません: フォルダは版 " + h.head().shortId() + " のままです");
            return null;
        }
        var reports = jp.kpireview.validate.PolicyCheck.check(history.rules, true, java.util.List.of());
        if (reports.stream().anyMatch(r -> r.report().hasErrors() || r.report().failedCases() > 0)) {
            PrintWriter err = spec.commandLine().getErr();
            reports.forEach(r -> r.report().findings().forEach(err::println));
            err.println("誤り: 確かめで誤りか期待と違う場面が見つかったので、記録しません (validate と test-rules で"
                    + "確かめてから、もう一度)");
            err.flush();
            return Main.BAD_INPUT;
        }
        Version v = h.recordFolder(author.name, record, () -> jp.kpireview.history.Staging.policies(history.rules));
        out.println("版 " + v.shortId() + " として記録しました");
        return null;
    }

    static void print(PrintWriter out, Version v) {
        out.println();
        out.println(v.shortId() + "  " + WHEN.format(v.at().atZone(v.zone())) + "  " + v.kind().label()
                + (v.restoredFrom().isEmpty() ? "" : " (版 " + v.restoredFrom() + " から)") + "  " + v.author());
        out.println("  理由: " + v.reason().replace("\n", "\n        "));
        if (!v.policies().isEmpty()) {
            out.println("  ルール: " + String.join("、", v.policies()));
        }
        out.println(v.kind() == Version.Kind.FIRST ? "  ファイル: " + v.changed().size()
                : "  変えたファイル: " + (v.changed().isEmpty() ? "(なし)" : String.join("、", v.changed())));
    }
}
