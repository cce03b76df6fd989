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
        description = "Shows for one KPI (--kpi), or for one project's summary (--project), every rule that fired, in"
                + " order, with what it concluded, in plain words.")
final class ExplainCommand implements Callable<Integer> {

    @Option(names = "--data", converter = InputPath.class, required = true, paramLabel = "FILE",
            description = "KPI data (CSV or .xlsx).")
    Path data;

    @Option(names = "--year", required = true, paramLabel = "YEAR", description = "Fiscal year: FY2018, 2018, H30 (平成) or R1 (令和).")
    String year;

    @Option(names = "--kpi", paramLabel = "ID", description = "The KPI's kpi_id, e.g. 5b.")
    String kpiId;

    @Option(names = "--project", paramLabel = "NAME", description = "The project (プロジェクト) whose summary (集計)"
            + " and grade to explain, as the data names it, e.g. \"(1) あずまい暮らしプロジェクト\"; "
            + Explainer.WHOLE + " for the municipality as a whole.")
    String project;

    @Option(names = "--municipality", paramLabel = "NAME",
            description = "The municipality, when the file holds several.")
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
