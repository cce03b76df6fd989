package jp.kpireview.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import jp.kpireview.batch.BatchRunner;
import jp.kpireview.batch.Progress;
import jp.kpireview.batch.YearSelection;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.io.KpiData;
import jp.kpireview.report.HtmlReport;
import jp.kpireview.report.ReportFormat;
import jp.kpireview.report.ReportWriter;
import jp.kpireview.report.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "すべてのデータファイル (それぞれ一つ以上の自治体) の各年度を一つのルールで評価し、報告書を書きます:"
                + " results.csv、summary.csv、results.json、report.xlsx、report.html (evaluates every fiscal year of"
                + " every data file and writes the reports).")
final class BatchCommand implements Callable<Integer> {

    /** The reports a run can write. */
    @Option(names = "--data", converter = InputPath.class, required = true, paramLabel = "FILE|DIR",
            description = "データファイル (CSV か .xlsx) またはそのフォルダ。何回でも書けます (data files; repeatable).")
    List<Path> data;

    @Option(names = "--years", paramLabel = "YEARS", defaultValue = "all",
            description = "年度: all (実績のある全年度)、範囲 FY2015..FY2019、一覧 FY2017,H30 (既定: ${DEFAULT-VALUE})"
                    + " (fiscal years).")
    String years;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
            description = "報告書を書くフォルダ (既定: ${DEFAULT-VALUE}) (folder for the reports).")
    Path out;

    @Option(names = "--formats", paramLabel = "LIST", split = ",", defaultValue = "csv,json,xlsx,html",
            description = "書く報告書: csv (results.csv、summary.csv)、json、xlsx、html (既定: ${DEFAULT-VALUE})"
                    + " (reports to write).")
    List<String> formats;

    @Option(names = "--html-detail", paramLabel = "N", defaultValue = "" + HtmlReport.DEFAULT_DETAILED,
            description = "report.html にすべてを載せる自治体の数。ほかは一覧だけ (既定: ${DEFAULT-VALUE})"
                    + " (municipalities shown in full).")
    int detailed;

    @Option(names = "--threads", paramLabel = "N", description = "作業のスレッド数 (既定: コアごとに一つ) (worker threads).")
    Integer threads;

    @Option(names = "--plan", paramLabel = "YEAR",
            description = "YEAR (例 FY2019、R1) の計画も作ります: その年度のルールで、各 KPI が区分と ☆ に必要な実績値。"
                    + "plan.csv、report.html の節、report.xlsx のシートに (also plan YEAR).")
    String plan;

    @Mixin
    NoAnnualTargetsOption annualTargets;

    @Option(names = "--quiet", description = "進み具合と終わりの行を出しません (no progress, no closing lines).")
    boolean quiet;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        YearSelection selection = yearSelection();
        EnumSet<ReportFormat> wanted = formats();
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            throw new ParameterException(spec.commandLine(), "--threads: 1 以上にします (must be at least 1)");
        }
        Integer planYear = plan == null ? null : Options.fiscalYear("--plan", plan, spec);
        long started = System.nanoTime();
        List<Path> files = KpiData.files(data);
        for (Path skipped : KpiData.notKpiData(data, files)) {
            spec.commandLine().getErr().println("注意: " + skipped + " は読みません: 見出しが KPI のデータのものではありません"
                    + " (KPI の番号と基準値の列がない) (left out: not KPI data)");
        }
        List<Integer> probed = new ArrayList<>(probedYears(selection, files));
        if (planYear != null && !probed.contains(planYear)) {
            probed.add(planYear);
        }
        PolicyEngine engine = rules.engine(probed, false);
        java.util.Set<String> directions = engine.directionSymbols();
        BatchRunner runner = new BatchRunner(engine, new BatchRunner.Settings(selection, annualTargets.noAnnualTargets, workers,
                planYear), file -> KpiData.read(file, directions));
        BatchRunner.Totals totals;
        try (Reports reports = Reports.open(out, openers(wanted, planYear != null))) {
            totals = runner.run(files, reports, progress());
            if (!quiet && (wanted.contains(ReportFormat.XLSX) || wanted.contains(ReportFormat.HTML))) {
                spec.commandLine().getErr().println("ブックとページを仕上げています…");
                spec.commandLine().getErr().flush();
            }
            reports.commit();
        }
        if (!totals.skipped().isEmpty()) {  // said even with --quiet: the reports lack years that were asked for
            spec.commandLine().getErr().printf("注意: %s は評価しませんでした: その年度の実績値のある KPI がありません"
                    + " (skipped: no KPI has an actual for %s)%n", String.join("、",
                    totals.skipped().stream().map(FiscalYear::bothLabels).toList()),
                    totals.skipped().size() == 1 ? "it" : "them");
            spec.commandLine().getErr().flush();
        }
        if (!quiet) {
            printDone(totals, fileList(wanted, planYear != null), (System.nanoTime() - started) / 1e9);
        }
        return Main.OK;
    }

    private List<Supplier<? extends ReportWriter<?>>> openers(EnumSet<ReportFormat> wanted, boolean planned) {
        List<Supplier<? extends ReportWriter<?>>> openers = new ArrayList<>();
        fileList(wanted, planned).forEach(file -> openers.add(file.opener(out, detailed)));
        return openers;
    }

    /** The files a run writes: those of the formats asked for, and plan.csv when a plan is. */
    private static List<ReportFormat.File> fileList(EnumSet<ReportFormat> wanted, boolean planned) {
        List<ReportFormat.File> files = new ArrayList<>();
        wanted.forEach(f -> files.addAll(f.files()));
        if (planned) {
            files.add(ReportFormat.File.PLAN_CSV);
        }
        return files;
    }

    /**
     * The years the rule check probes: those asked for, or else those the data's headers name (the first few files
     * are enough: a run's files share their columns); the whole default span when no header says.
     */
    private static List<Integer> probedYears(YearSelection selection, List<Path> files) {
        if (!selection.years().isEmpty()) {
            return selection.years();
        }
        java.util.SortedSet<Integer> years = new java.util.TreeSet<>();
        files.stream().limit(PEEKED_FILES).forEach(f -> years.addAll(KpiData.headerYears(f)));
        return List.copyOf(years);
    }

    private static final int PEEKED_FILES = 5;

    private Progress progress() {
        return quiet ? Progress.SILENT : new Progress(spec.commandLine().getErr(), System.console() != null);
    }

    private void printDone(BatchRunner.Totals totals, List<ReportFormat.File> written, double seconds) {
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%,d ファイル · %,d 自治体 · %,d KPI · %,d KPI・年度 (%.1f 秒、毎秒 %,.0f)%n",
                totals.files(), totals.municipalities(), totals.kpis(), totals.kpiYears(), seconds,
                totals.kpiYears() / Math.max(seconds, 1e-9));
        stdout.printf("書き出しました %s: %s%n", out, String.join(", ", written.stream()
                .map(ReportFormat.File::fileName).toList()));
        stdout.flush();
    }

    private YearSelection yearSelection() {
        try {
            return YearSelection.parse(years);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--years: " + e.getMessage());
        }
    }

    private EnumSet<ReportFormat> formats() {
        EnumSet<ReportFormat> wanted = EnumSet.noneOf(ReportFormat.class);
        for (String f : formats) {
            try {
                wanted.add(ReportFormat.of(f));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--formats: " + e.getMessage());
            }
        }
        return wanted;
    }
}
