package jp.kpireview.cli;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import jp.kpireview.history.PolicyHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Lists the versions of a rule folder, newest first: when, who, why, the policy versions its"
                + " reports print, and the files changed.")
final class HistoryCommand implements Callable<Integer> {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm xxx");

    @Option(names = "--rules", converter = InputPath.class, paramLabel = "DIR", defaultValue = "rules",
            description = "Rule folder (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path rules;

    @Mixin
    HistoryOption history;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N",
            description = "How many versions to list (default: ${DEFAULT-VALUE}).")
    int limit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (PolicyHistory h = history.open(rules)) {
            var versions = h.versions();
            out.println(rules + " の履歴 (" + h.gitDir() + "): " + versions.size() + " 版");
            versions.stream().limit(Math.max(1, limit)).forEach(v -> print(out, v));
            var unrecorded = h.unrecorded();
            if (!unrecorded.isEmpty()) {
                out.println("まだ履歴にない編集: " + String.join("、", unrecorded));
            }
        }
        out.flush();
        return Main.OK;
    }

    static void print(PrintWriter out, PolicyHistory.Version v) {
        out.println();
        out.println(v.shortId() + "  " + WHEN.format(v.at().atZone(v.zone())) + "  " + v.kind().label()
                + (v.restoredFrom().isEmpty() ? "" : " (版 " + v.restoredFrom() + " から)") + "  " + v.author());
        out.println("  理由: " + v.reason().replace("\n", "\n        "));
        if (!v.policies().isEmpty()) {
            out.println("  ルール: " + String.join("、", v.policies()));
        }
        out.println(v.kind() == PolicyHistory.Kind.FIRST ? "  ファイル: " + v.changed().size()
                : "  変えたファイル: " + (v.changed().isEmpty() ? "(なし)" : String.join("、", v.changed())));
    }
}
