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
        description = "データファイルの各 KPI を一つの年度について評価し、表を表示して results.csv と summary.csv を"
                + "書きます (scores every KPI of a data file for one fiscal year).")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--data", converter = InputPath.class, required = true, paramLabel = "FILE",
            description = "KPI のデータ (CSV か .xlsx) (KPI data).")
    Path data;

    @Option(names = "--year", required = true, paramLabel = "YEAR", description = "年度: FY2018、2018、H30 (平成)、R1 (令和) (fiscal year).")
    String year;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/evaluate",
            description = "results.csv と summary.csv を書くフォルダ (既定: ${DEFAULT-VALUE}。batch の out/ と混ざらない"
                    + "ように別) (folder for the results).")
    Path out;

    @Mixin
    NoAnnualTargetsOption annualTargets;

    @Option(names = "--quiet", description = "表を表示しません (do not print the table).")
    boolean quiet;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "各 KPI について、動いたルールとその結論も書きます (explain と同じ) (also write each rule that"
                    + " fired).")
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
