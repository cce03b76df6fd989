package jp.kpireview.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import jp.kpireview.batch.BatchRunner;
import jp.kpireview.batch.Progress;
import jp.kpireview.batch.YearSelection;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.io.KpiData;
import jp.kpireview.report.ReportFormat;
import jp.kpireview.report.ReportWriter;
import jp.kpireview.report.Reports;
import jp.kpireview.report.ReviewTable;
import jp.kpireview.report.TraceReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Scores every KPI of a data file for one fiscal year; prints the table and writes results.csv"
                + " and summary.csv.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--data", converter = InputPath.class, required = true, paramLabel = "FILE",
            description = "KPI data (CSV or .xlsx).")
    Path data;

    @Option(names = "--year", required = true, paramLabel = "YEAR", description = "Fiscal year: FY2018, 2018, H30 (平成) or R1 (令和).")
    String year;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/evaluate",
            description = "Folder for results.csv and summary.csv (default: ${DEFAULT-VALUE}, apart from batch's out/,"
                    + " so the two never mix).")
    Path out;

    @Mixin
    NoAnnualTargetsOption annualTargets;

    @Option(names = "--quiet", description = "Do not print the table.")
    boolean quiet;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Also write, for every KPI, each rule that fired and what it concluded (as explain does).")
    Path trace;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int fiscalYear = Options.fiscalYear(year, spec);
        PrintWriter stdout = spec.commandLine().getOut();
        PolicyEngine engine = rules.engine(List.of(fiscalYear), trace != null);
        java.util.Set<String> directions = engine.directionSymbols();
        BatchRunner runner = new BatchRunner(engine, new BatchRunner.Settings(new YearSelection(List.of(fiscalYear)),
                annualTargets.noAnnualTargets, 1), file -> KpiData.read(file, directions));
        List<Supplier<? extends ReportWriter<?>>> reports = new ArrayList<>();
        if (!quiet) {
            reports.add(() -> ReviewTable.writer(stdout));
        }
        ReportFormat.CSV.files().forEach(file -> reports.add(file.opener(out, 0)));
        if (trace != null) {
            reports.add(() -> new TraceReport(trace));
        }
        BatchRunner.Totals totals;
        try (Reports open = Reports.open(out, reports)) {
            totals = runner.run(List.of(data), open, Progress.SILENT);
            open.commit();
        }
        stdout.printf("%s%s: 書き出しました %s (%d KPI) と %s%n", quiet ? "" : "\n", FiscalYear.bothLabels(fiscalYear),
                out.resolve("results.csv"), totals.kpis(), out.resolve("summary.csv"));
        stdout.flush();
        return Main.OK;
    }
}
