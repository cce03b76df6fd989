package jp.kpireview.service;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import jp.kpireview.batch.BatchRunner;
import jp.kpireview.batch.YearSelection;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.io.KpiData;
import jp.kpireview.plan.PlanSearch;
import jp.kpireview.report.HtmlReport;
import jp.kpireview.report.ReportFormat;
import jp.kpireview.report.Reports;
import jp.kpireview.service.BoundedWork.Answer;
import jp.kpireview.service.BoundedWork.TooLarge;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The routes that work on a KPI sheet — {@code POST /api/evaluate?year=&format=}, {@code /api/plan},
 * {@code /api/explain} and {@code /api/years} — with the sheet in the body (CSV or .xlsx, told apart by their bytes)
 * or a bundled file ({@code ?data=NAME}): each reads its query and says what its work is; {@link BoundedWork} runs
 * the work with the rules current when the request came in, within the number of evaluations at once, the time
 * budget and the memory, and answers.
 */
final class EvaluateRoute {

    /** The request attribute the request log reads: how many KPI rows the request evaluated. */
    static final String ROWS = "kpi-review.rows";

    private final ReviewService.Limits limits;
    private final SheetIntake intake;
    private final BoundedWork work;

    EvaluateRoute(RuleHolder rules, BundledData bundled, ReviewService.Limits limits, ExecutorService evaluations) {
        this.intake = new SheetIntake(bundled, limits);
        this.limits = limits;
        this.work = new BoundedWork(rules, bundled, limits, evaluations);
    }

    /** Evaluations running now (for the tests and the load test: none is left running after its request). */
    int busy() {
        return work.busy();
    }

    /** The memory the work in progress holds now, in bytes ({@link WorkMemory}). */
    long memoryInUse() {
        return work.memory().inUse();
    }

    void handle(Request request, Response response, Callback callback) throws IOException {
        YearSelection years;
        ReportFormat format;
        String kpi = Api.query(request, "kpi");
        BigDecimal actual;
        Integer planYear;
        try {
            String year = Api.query(request, "year");
            years = year == null || year.isBlank() || year.equals("all") ? YearSelection.ALL
                    : new YearSelection(List.of(FiscalYear.parse(year)));
            String f = Api.query(request, "format");
            format = ReportFormat.of(f == null ? "json" : f);
            String what = Api.query(request, "actual");
            actual = what == null || what.isBlank() ? null : jp.kpireview.io.KpiTable.number(what.strip());
            if (actual != null && (kpi == null || years.years().size() != 1)) {
                throw new IllegalArgumentException("試しの実績値には kpi=ID と一つの year=… が要ります");
            }
            if (kpi != null && what != null && what.isBlank()) {
                throw new IllegalArgumentException("実績値を入力してください: KPI " + kpi + " の試しには実績値 (actual=…) が"
                        + "要ります");
            }
            // plan=FY2019 adds the year's needed actuals to report.html and report.xlsx (as batch --plan does)
            String plan = Api.query(request, "plan");
            planYear = plan == null || plan.isBlank() ? null : FiscalYear.parse(plan);
            if (planYear != null && format != ReportFormat.HTML && format != ReportFormat.XLSX) {
                throw new IllegalArgumentException("plan=… は report.html と report.xlsx だけに入ります: format=html か"
                        + " format=xlsx にするか、計画を JSON で得るには POST /api/plan?year=… を使います");
            }
        } catch (IllegalArgumentException e) {
            Api.error(response, callback, 400, "query", e.getMessage());
            return;
        }
        intake.sheet(request, response, callback, sheet -> work.run(request, response, callback, sheet,
                format.files().get(0).mediaType(), format == ReportFormat.HTML, (engine, file, rows, out, memory) ->
                        run(engine, file, years, planYear, format, rows, kpi, actual, out, memory)));
    }

    /**
     * {@code POST /api/plan?year=FY2019}: for each KPI of the sheet, the actual it needs that year for each band and
     * for ☆ (the plan command's search), as JSON.
     */
    void plan(Request request, Response response, Callback callback) throws IOException {
        int year;
        try {
            String text = Api.query(request, "year");
            if (text == null) {
                throw new IllegalArgumentException("計画する年度を書きます: year=FY2019");
            }
            year = FiscalYear.parse(text);
        } catch (IllegalArgumentException e) {
            Api.error(response, callback, 400, "query", e.getMessage());
            return;
        }
        intake.sheet(request, response, callback, sheet -> work.run(request, response, callback, sheet, Api.JSON_TYPE, false,
                (engine, file, rows, out, memory) -> plan(engine, file, year, rows, memory)));
    }

    /**
     * {@code POST /api/explain?year=FY2018&kpi=ID} (or {@code &project=NAME}, 全体 for the municipality): how the KPI's
     * result, or the project's summary and grade, came about, rule by rule in the policy's words, as plain text — the
     * explain command's answer, for the page.
     */
    void explain(Request request, Response response, Callback callback) throws IOException {
        int year;
        String kpi = Api.query(request, "kpi");
        String project = Api.query(request, "project");
        String town = Api.query(request, "municipality");
        try {
            String text = Api.query(request, "year");
            if (text == null) {
                throw new IllegalArgumentException("説明する年度を書きます: year=FY2018");
            }
            year = FiscalYear.parse(text);
            if ((kpi == null || kpi.isBlank()) == (project == null || project.isBlank())) {
                throw new IllegalArgumentException("kpi=ID か project=NAME のどちらか一つを書きます");
            }
        } catch (IllegalArgumentException e) {
            Api.error(response, callback, 400, "query", e.getMessage());
            return;
        }
        boolean byKpi = kpi != null && !kpi.isBlank();
        intake.sheet(request, response, callback, sheet -> work.run(request, response, callback, sheet,
                "text/plain; charset=utf-8", false, (engine, file, rows, out, share) -> {
                    List<Kpi> kpis = readLimited(file);
                    rows.set(kpis.size());
                    share.resize(WorkMemory.evaluating(kpis.size(), 1, false), "シートの " + kpis.size() + " KPI の説明");
                    List<String> lines = jp.kpireview.report.Explainer.lines(engine.traced(), kpis,
                            file.getFileName().toString(), year, byKpi ? kpi.strip() : null,
                            byKpi ? null : project.strip(), town);
                    return new Answer((String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            null);
                }));
    }

    /**
     * {@code POST /api/years}: the fiscal years an uploaded sheet has actuals for, and the year after them to plan,
     * so the page offers the years of the sheet the officer chose. Read within the same limits as an evaluation.
     */
    void years(Request request, Response response, Callback callback) throws IOException {
        intake.sheet(request, response, callback, sheet -> work.run(request, response, callback, sheet, Api.JSON_TYPE, false,
                (engine, file, rows, out, memory) -> {
                    List<Kpi> kpis = readLimited(file);
                    rows.set(kpis.size());
                    return new Answer(Api.object(Api.years(YearSelection.ALL.resolve(kpis))), null);
                }));
    }

    private Answer plan(PolicyEngine engine, Path file, int year, AtomicInteger rows, WorkMemory.Share share) {
        List<Kpi> kpis = readLimited(file);
        rows.set(kpis.size());
        if (kpis.size() > work.memory().maxPlannedKpis()) {
            throw new TooLarge("シートに KPI が " + kpis.size() + " 行あります。計画は一度に "
                    + work.memory().maxPlannedKpis() + " 行までです (探索がすべての KPI の結果を持つため): 自治体ごとのシートで"
                    + "計画してください");
        }
        share.resize(WorkMemory.evaluating(kpis.size(), 1, true), kpis.size() + " KPI の計画");
        return new Answer(PlanJson.write(new PlanSearch(engine).plan(kpis, year)), null);
    }

    /** The report asked for, written into {@code out}; the sheet is named as it was sent, not where it was saved. */
    private Answer run(PolicyEngine engine, Path sheet, YearSelection years, Integer planYear, ReportFormat format,
            AtomicInteger rows, String kpi, BigDecimal actual, Path out, WorkMemory.Share memory) throws IOException {
        BatchRunner runner = new BatchRunner(engine, new BatchRunner.Settings(years, false, 1, planYear), file -> {
            List<Kpi> kpis = kpi == null ? readLimited(file) : whatIf(readLimited(file), kpi, actual,
                    years.years().isEmpty() ? 0 : years.years().get(0), file);
            rows.set(kpis.size());
            List<Integer> reported = years.resolve(kpis);
            int evaluated = reported.size() + YearSelection.earlier(kpis, reported).size();
            memory.resize(WorkMemory.evaluating(kpis.size(), evaluated, planYear != null), "シートの "
                    + kpis.size() + " KPI の " + evaluated + " 年度分");
            return kpis;
        }, file -> file.getFileName().toString());
        ReportFormat.File file = format.files().get(0);
        try (Reports reports = Reports.open(out, List.of(file.opener(out, HtmlReport.DEFAULT_DETAILED)))) {
            runner.run(List.of(sheet), reports, jp.kpireview.batch.Progress.SILENT);
            reports.commit();
        }
        return new Answer(null, out.resolve(file.fileName()));
    }

    /** The one KPI asked for, with the actual it would have that year when one is given (a what-if). */
    private static List<Kpi> whatIf(List<Kpi> kpis, String id, BigDecimal actual, int year, Path file) {
        Kpi k = kpis.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow(() -> new DataException(
                new jp.kpireview.domain.SourceLocation(file.toString(), 0), "kpi", "シートに KPI '" + id + "' がありません"));
        if (actual == null) {
            return List.of(k);
        }
        return List.of(k.withActual(year, actual));
    }

    /** Reads a sheet, refusing more rows than the limit before any is evaluated. */
    private List<Kpi> readLimited(Path file) {
        List<Kpi> kpis = KpiData.read(file);
        if (kpis.size() > limits.maxKpis()) {
            throw new TooLarge("シートに KPI が " + kpis.size() + " 行あります。一度に " + limits.maxKpis()
                    + " 行までです");
        }
        return kpis;
    }
}
