package jp.kpireview.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import jp.kpireview.io.KpiData;
import jp.kpireview.report.Explainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "一つの KPI (--kpi)、または一つのプロジェクトの集計 (--project) について、動いたルールを順に、"
                + "それぞれの結論とともに方針の言葉で示します (shows every rule that fired, in order, in the policy's"
                + " words).")
final class ExplainCommand implements Callable<Integer> {

    @Option(names = "--data", converter = InputPath.class, required = true, paramLabel = "FILE",
            description = "KPI のデータ (CSV か .xlsx) (KPI data).")
    Path data;

    @Option(names = "--year", required = true, paramLabel = "YEAR", description = "年度: FY2018、2018、H30 (平成)、R1 (令和) (fiscal year).")
    String year;

    @Option(names = "--kpi", paramLabel = "ID", description = "KPI の番号 (kpi_id)、例 5b (the KPI's id).")
    String kpiId;

    @Option(names = "--project", paramLabel = "NAME", description = "集計と評価を説明するプロジェクト、データのとおりに"
            + " (例 \"(1) あずまい暮らしプロジェクト\")。自治体全体は " + Explainer.WHOLE + " (the project whose summary to"
            + " explain).")
    String project;

    @Option(names = "--municipality", paramLabel = "NAME",
            description = "自治体 (ファイルに複数あるとき) (the municipality, when the file holds several).")
    String municipality;

    @Mixin
    NoAnnualTargetsOption annualTargets;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int fiscalYear = Options.fiscalYear(year, spec);
        if ((kpiId == null) == (project == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--kpi か --project のどちらか一つを"
                    + "書きます (name one KPI or one project)");
        }
        List<String> lines = Explainer.lines(rules.engine(List.of(fiscalYear), true), annualTargets.apply(KpiData.read(data)),
                data.toString(), fiscalYear, kpiId, project, municipality);
        PrintWriter out = spec.commandLine().getOut();
        lines.forEach(out::println);
        out.flush();
        return Main.OK;
    }
}
