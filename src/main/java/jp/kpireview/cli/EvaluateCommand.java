package jp.kpireview.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.engine.Review;
import jp.kpireview.engine.ReviewEngine;
import jp.kpireview.io.KpiCsv;
import jp.kpireview.report.ResultsCsv;
import jp.kpireview.report.ReviewTable;
import jp.kpireview.report.SummaryCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Scores every KPI of a data file for one fiscal year; writes results.csv and summary.csv.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "KPI data (canonical CSV).")
    Path data;

    @Option(names = "--year", required = true, paramLabel = "YEAR", description = "Fiscal year: FY2018, 2018 or H30.")
    String year;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
            description = "Folder for results.csv and summary.csv (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-plan", description = "Ignore the plan_FYyyyy annual targets (the derived method alone).")
    boolean noPlan;

    @Option(names = "--quiet", description = "Do not print the table.")
    boolean quiet;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int fiscalYear = Options.fiscalYear(year, spec);
        ReviewEngine engine = new ReviewEngine(rules.load());
        List<Kpi> kpis = Options.withoutPlansIf(noPlan, KpiCsv.read(data));
        Review review = engine.evaluate(kpis, fiscalYear);
        PrintWriter stdout = spec.commandLine().getOut();
        if (!quiet) {
            ReviewTable.print(review, stdout);
        }
        ResultsCsv.write(out.resolve("results.csv"), review.evaluations());
        SummaryCsv.write(out.resolve("summary.csv"), review.summaries());
        stdout.printf("%s%s: wrote %s (%d KPIs) and %s (%d projects)%n", quiet ? "" : "\n",
                FiscalYear.bothLabels(fiscalYear),
                out.resolve("results.csv"), review.evaluations().size(), out.resolve("summary.csv"),
                review.summaries().size());
        stdout.flush();
        return Main.OK;
    }
}
