package jp.kpireview.service;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import jp.kpireview.batch.BatchRunner;
import jp.kpireview.batch.YearSelection;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.engine.OverBudgetException;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.rulebase.RuleSetException;
import jp.kpireview.io.Folders;
import jp.kpireview.io.KpiData;
import jp.kpireview.plan.PlanSearch;
import jp.kpireview.report.HtmlReport;
import jp.kpireview.report.ReportFormat;
import jp.kpireview.report.Reports;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/evaluate?year=&format=}: a KPI sheet in the body (CSV or .xlsx, told apart by their bytes) or a
 * bundled file ({@code ?data=NAME}) evaluated with the rules current when the request came in. At most
 * {@code maxEvaluations} evaluations run at once; the rest are told to come back ({@code 503}, {@code Retry-After}).
 * Each evaluation has a time budget that counts only the evaluation; at its end the sessions are halted, so no
 * thread goes on computing for a request that has been answered.
 */
final class EvaluateRoute {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluateRoute.class);
    /** The request attribute the request log reads: how many KPI rows the request evaluated. */
    static final String ROWS = "kpi-review.rows";

    private final RuleHolder rules;
    private final BundledData bundled;
    private final ReviewService.Limits limits;
    private final Semaphore running;
    private final ExecutorService evaluations;
    private final AtomicInteger busy = new AtomicInteger();
    private final WorkMemory memory;
    private final SheetIntake intake;

    EvaluateRoute(RuleHolder rules, BundledData bundled, ReviewService.Limits limits, ExecutorService evaluations) {
        this.memory = new WorkMemory(limits.heapBytes());
        this.intake = new SheetIntake(bundled, limits);
        this.rules = rules;
        this.bundled = bundled;
        this.limits = limits;
        this.running = new Semaphore(limits.maxEvaluations());
        this.evaluations = evaluations;
    }

    /** Evaluations running now (for the tests and the load test: none is left running after its request). */
    int busy() {
        return busy.get();
    }

    /** The memory the work in progress holds now, in bytes ({@link WorkMemory}). */
    long memoryInUse() {
        return memory.inUse();
    }

    /**
     * One piece of bounded work on a sheet: it gets the engine (with its deadline), counts the rows it read, resizes
     * its share of the memory once it knows its KPIs, and answers with bytes or with a file it wrote into {@code out}.
     */
    @FunctionalInterface
    private interface Work {
        Answer run(PolicyEngine engine, Path sheet, AtomicInteger rows, Path out, WorkMemory.Share memory)
                throws IOException;
    }

    /** What a piece of work answers with: a small body in memory, or a report streamed from its file. */
    private record Answer(byte[] bytes, Path file) {
    }

    /**
     * A request's temporary folder for its report, deleted by whichever of its two users is done last: the work that
     * writes it, and the answer that sends it (or answers without it when the work ran out of time).
     */
    private static final class Output {
        private final Path folder;
        private final AtomicInteger users = new AtomicInteger(2);

        Output() throws IOException {
            folder = Files.createTempDirectory(BundledData.OUTPUTS);
        }

        void release() {
            if (users.decrementAndGet() == 0) {
                Folders.deleteTree(folder);
            }
        }
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
        intake.sheet(request, response, callback, sheet -> bounded(request, response, callback, sheet,
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
        intake.sheet(request, response, callback, sheet -> bounded(request, response, callback, sheet, Api.JSON_TYPE, false,
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
        intake.sheet(request, response, callback, sheet -> bounded(request, response, callback, sheet,
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
        intake.sheet(request, response, callback, sheet -> bounded(request, response, callback, sheet, Api.JSON_TYPE, false,
                (engine, file, rows, out, memory) -> {
                    List<Kpi> kpis = readLimited(file);
                    rows.set(kpis.size());
                    return new Answer(Api.object(Api.years(YearSelection.ALL.resolve(kpis))), null);
                }));
    }

    private Answer plan(PolicyEngine engine, Path file, int year, AtomicInteger rows, WorkMemory.Share share) {
        List<Kpi> kpis = readLimited(file);
        rows.set(kpis.size());
        if (kpis.size() > memory.maxPlannedKpis()) {
            throw new TooLarge("シートに KPI が " + kpis.size() + " 行あります。計画は一度に "
                    + memory.maxPlannedKpis() + " 行までです (探索がすべての KPI の結果を持つため): 自治体ごとのシートで"
                    + "計画してください");
        }
        share.resize(WorkMemory.evaluating(kpis.size(), 1, true), kpis.size() + " KPI の計画");
        return new Answer(PlanJson.write(new PlanSearch(engine).plan(kpis, year)), null);
    }

    /**
     * Runs {@code work} among at most maxEvaluations at once, within the time budget and its share of the memory, and
     * answers with what it made: its bytes, or its report's file, sent from disk.
     */
    private void bounded(Request request, Response response, Callback callback, Path sheet, String mediaType,
            boolean report, Work work) throws IOException {
        boolean temporary = bundled.isTemporary(sheet);
        if (!running.tryAcquire()) {
            delete(sheet, temporary);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
            Api.error(response, callback, 503, "server", "混んでいます: いま " + limits.maxEvaluations()
                    + " 件の評価が動いています。数秒後にもう一度試してください");
            return;
        }
        RuleHolder.Current current = rules.current();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limits.maxSeconds());
        PolicyEngine engine = current.engine().withDeadline(deadline);
        AtomicInteger rows = new AtomicInteger();
        Future<Answer> result;
        Output out;
        try {
            out = new Output();
            result = evaluations.submit(() -> {
                busy.incrementAndGet();
                try (WorkMemory.Share share = memory.share()) {
                    share.resize(WorkMemory.reading(sheet), "シートの読み込み");
                    return work.run(engine, sheet, rows, out.folder, share);
                } finally {
                    busy.decrementAndGet();
                    running.release();  // only when the work has really stopped
                    delete(sheet, temporary);
                    out.release();
                }
            });
        } catch (IOException | RuntimeException e) {
            running.release();
            delete(sheet, temporary);
            throw e;
        }
        try {
            // the engine halts itself at the deadline; the extra second lets it say so
            Answer answer = result.get(limits.maxSeconds() + 1, TimeUnit.SECONDS);
            request.setAttribute(ROWS, rows.get());
            response.getHeaders().put("X-Rules", current.hash());
            if (report) {
                Api.securityHeaders(response, Api.REPORT_POLICY);
            }
            if (answer.file() == null) {
                out.release();
                Api.send(response, callback, 200, mediaType, answer.bytes());
            } else {
                Api.send(response, Callback.from(out::release, callback), 200, mediaType, answer.file());
            }
        } catch (TimeoutException e) {
            out.release();
            result.cancel(true);
            overBudget(response, callback);
        } catch (ExecutionException e) {
            out.release();
            failed(response, callback, e.getCause());
        } catch (InterruptedException e) {
            out.release();
            Thread.currentThread().interrupt();
            Api.error(response, callback, 503, "server", "サービスを止めているところです");
        }
    }

    private void overBudget(Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "30");
        Api.error(response, callback, 503, "time", "評価が " + limits.maxSeconds()
                + " 秒を超えたので止めました");
    }

    private void failed(Response response, Callback callback, Throwable e) {
        if (e instanceof DataException data) {
            Api.problems(response, callback, 400, data.problems(), data.total());
        } else if (e instanceof TooLarge tooLarge) {
            Api.error(response, callback, 413, "rows", tooLarge.getMessage());
        } else if (e instanceof WorkMemory.Refused refused) {
            if (refused.tooLarge) {
                Api.error(response, callback, 413, "rows", refused.getMessage());
            } else {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "10");
                Api.error(response, callback, 503, "server", refused.getMessage());
            }
        } else if (e instanceof OverBudgetException) {
            overBudget(response, callback);
        } else if (e instanceof RuleSetException broken) {
            Api.json(response, callback, 500, json -> {
                json.writeArrayFieldStart("errors");
                for (var p : broken.problems()) {
                    json.writeStartObject();
                    json.writeStringField("location", Api.relative(p.file()) + (p.line() > 0 ? ":" + p.line() : ""));
                    json.writeStringField("message", "rules: " + p.message());
                    json.writeEndObject();
                }
                json.writeEndArray();
            });
        } else {
            LOG.error("evaluation failed", e);
            Api.error(response, callback, 500, "server", "評価に失敗しました: 理由はサーバーのログにあります");
        }
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

    private static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message);
        }
    }

    private static void delete(Path sheet, boolean temporary) {
        if (temporary) {
            Folders.deleteTree(sheet.getParent());
        }
    }
}
