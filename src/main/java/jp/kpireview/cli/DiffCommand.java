package jp.kpireview.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import jp.kpireview.batch.YearSelection;
import jp.kpireview.diff.RuleDiff;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.io.KpiData;
import jp.kpireview.report.DiffReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "同じデータを二つのルールのフォルダで評価し、変わるところを示します: 区分が動く KPI、☆ がつく・"
                + "外れる KPI、プロジェクトの集計。DIR/diff.html にも書きます (shows what an edit of the rules"
                + " changes).")
final class DiffCommand implements Callable<Integer> {

    @Option(names = "--rules", required = true, paramLabel = "DIR",
            description = "比べるルールのフォルダ。二回書きます、今のものを先に (the two rule folders, current first).")
    List<Path> folders;

    @Option(names = "--data", converter = InputPath.class, required = true, paramLabel = "FILE|DIR",
            description = "KPI のデータ。何回でも書けます (KPI data; repeatable).")
    List<Path> data;

    @Option(names = "--years", paramLabel = "YEARS", defaultValue = "all",
            description = "年度: all、FY2015..FY2019、FY2017,H30 (既定: ${DEFAULT-VALUE}) (fiscal years).")
    String years;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
            description = "diff.html を書くフォルダ (既定: ${DEFAULT-VALUE}) (folder for diff.html).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (folders.size() != 2) {
            throw new ParameterException(spec.commandLine(), "--rules: ルールのフォルダを二つ、今のものを先に書きます"
                    + " (give two rule folders, the current one first)");
        }
        YearSelection selection;
        try {
            selection = YearSelection.parse(years);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--years: " + e.getMessage());
        }
        RuleDiff diff = new RuleDiff(engine(folders.get(0)), engine(folders.get(1)), selection);
        RuleDiff.Accumulator changes = new RuleDiff.Accumulator();
        KpiData.files(data).forEach(file -> diff.compare(KpiData.read(file), changes));
        RuleDiff.Result result = changes.result();
        String before = folders.get(0).toString();
        String after = folders.get(1).toString();
        DiffReport.print(result, before, after, spec.commandLine().getOut());
        DiffReport.writeHtml(out.resolve("diff.html"), result, before, after);
        spec.commandLine().getOut().println("書き出しました " + out.resolve("diff.html"));
        spec.commandLine().getOut().flush();
        return Main.OK;
    }

    private static PolicyEngine engine(Path folder) {
        RulesOption option = new RulesOption();
        option.folder = folder;
        return option.engine();
    }
}
