package jp.kpireview.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import jp.kpireview.batch.BatchRunner;
import jp.kpireview.batch.YearSelection;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.Kpi;
import jp.kpireview.engine.OverBudgetException;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.engine.RuleSetException;
import jp.kpireview.io.KpiData;
import jp.kpireview.plan.PlanSearch;
import jp.kpireview.report.HtmlReport;
import jp.kpireview.report.ReportFormat;
import jp.kpireview.report.Reports;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
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
    private final PlanMemory planMemory;

    EvaluateRoute(RuleHolder rules, BundledData bundled, ReviewService.Limits limits, ExecutorService evaluations) {
        this.planMemory = new PlanMemory(limits.planHeapBytes());
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

    /** One piece of bounded work on a sheet: it gets the engine (with its deadline) and counts the rows it read. */
    @FunctionalInterface
    private interface Work {
        byte[] run(PolicyEngine engine, Path sheet, AtomicInteger rows) throws IOException;
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
                throw new IllegalArgumentException("a what-if actual needs kpi=ID and one year=…");
            }
            if (kpi != null && what != null && what.isBlank()) {
                throw new IllegalArgumentException("実績値を入力してください: a what-if of KPI " + kpi + " needs the"
                        + " actual to try (actual=…)");
            }
            // plan=FY2019 adds the year's needed actuals to report.html and report.xlsx (as batch --plan does)
            String plan = Api.query(request, "plan");
            planYear = plan == null || plan.isBlank() ? null : FiscalYear.parse(plan);
            if (planYear != null && format != ReportFormat.HTML && format != ReportFormat.XLSX) {
                throw new IllegalArgumentException("plan=… goes into report.html and report.xlsx only: ask for"
                        + " format=html or format=xlsx, or POST /api/plan?year=… for the plan as JSON");
            }
        } catch (IllegalArgumentException e) {
            Api.error(response, callback, 400, "query", e.getMessage());
            return;
        }
        Path sheet = sheet(request, response, callback);
        if (sheet == null) {
            return;
        }
        bounded(request, response, callback, sheet, format.files().get(0).mediaType(), format == ReportFormat.HTML,
                (engine, file, rows) -> run(engine, file, years, planYear, format, rows, kpi, actual));
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
                throw new IllegalArgumentException("name the year to plan: year=FY2019");
            }
            year = FiscalYear.parse(text);
        } catch (IllegalArgumentException e) {
            Api.error(response, callback, 400, "query", e.getMessage());
            return;
        }
        Path sheet = sheet(request, response, callback);
        if (sheet == null) {
            return;
        }
        bounded(request, response, callback, sheet, Api.JSON_TYPE, false, (engine, file, rows) -> {
            List<Kpi> kpis = readLimited(file);
            rows.set(kpis.size());
            if (kpis.size() > planMemory.maxKpis()) {
                throw new TooLarge("the sheet has " + kpis.size() + " KPI rows; a plan takes at most "
                        + planMemory.maxKpis() + " at once (its search holds what it learns of every KPI): plan each"
                        + " municipality's sheet");
            }
            if (!planMemory.tryTake(kpis.size())) {
                throw new Busy("the plans running hold the memory plans may take; try again in a few seconds");
            }
            try {
                return PlanJson.write(new PlanSearch(engine).plan(kpis, year));
            } finally {
                planMemory.give(kpis.size());
            }
        });
    }

    /** Runs {@code work} among at most maxEvaluations at once, within the time budget, and answers with its bytes. */
    private void bounded(Request request, Response response, Callback callback, Path sheet, String mediaType,
            boolean report, Work work) {
        boolean temporary = bundled.isTemporary(sheet);
        if (!running.tryAcquire()) {
            delete(sheet, temporary);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
            Api.error(response, callback, 503, "server", "busy: " + limits.maxEvaluations()
                    + " evaluations are running; try again in a few seconds");
            return;
        }
        RuleHolder.Current current = rules.current();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limits.maxSeconds());
        PolicyEngine engine = current.engine().withDeadline(deadline);
        AtomicInteger rows = new AtomicInteger();
        Future<byte[]> result;
        try {
            result = evaluations.submit(() -> {
                busy.incrementAndGet();
                try {
                    return work.run(engine, sheet, rows);
                } finally {
                    busy.decrementAndGet();
                    running.release();  // only when the work has really stopped
                    delete(sheet, temporary);
                }
            });
        } catch (RuntimeException e) {
            running.release();
            delete(sheet, temporary);
            throw e;
        }
        try {
            // the engine halts itself at the deadline; the extra second lets it say so
            byte[] body = result.get(limits.maxSeconds() + 1, TimeUnit.SECONDS);
            request.setAttribute(ROWS, rows.get());
            response.getHeaders().put("X-Rules", current.hash());
            if (report) {
                Api.securityHeaders(response, Api.REPORT_POLICY);
            }
            Api.send(response, callback, 200, mediaType, body);
        } catch (TimeoutException e) {
            result.cancel(true);
            overBudget(response, callback);
        } catch (ExecutionException e) {
            failed(response, callback, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Api.error(response, callback, 503, "server", "the service is stopping");
        }
    }

    /**
     * Reads and drops what is left of a body over the limit, up to {@link ReviewService#SWALLOWED_BYTES} (where the
     * server's own size limit stops it), before the 413 is sent. A server that answers and closes while the client is
     * still sending makes the client's system reset the connection, which throws away the answer unread: the client
     * sees a broken connection instead of "the sheet is larger than 1 MB" (the test of this failed now and then).
     */
    private static void swallow(InputStream in) {
        try {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            // past the swallow limit, or too slow: the connection is closed after the answer either way
        }
    }

    /** The HTTP status Jetty attached to a failed read (413 for a body over the limit); 0 when it attached none. */
    private static int status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException http) {
                return http.getCode();
            }
        }
        return 0;
    }

    private void overBudget(Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "30");
        Api.error(response, callback, 503, "time", "the evaluation took longer than " + limits.maxSeconds()
                + " s and was stopped");
    }

    private void failed(Response response, Callback callback, Throwable e) {
        if (e instanceof DataException data) {
            Api.problems(response, callback, 400, data.problems(), data.total());
        } else if (e instanceof TooLarge tooLarge) {
            Api.error(response, callback, 413, "rows", tooLarge.getMessage());
        } else if (e instanceof Busy busy) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "10");
            Api.error(response, callback, 503, "server", busy.getMessage());
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
            Api.error(response, callback, 500, "server", "the evaluation failed; the server log says why");
        }
    }

    /** The sheet the request names or sends, saved to a temporary folder; null after answering an error. */
    private Path sheet(Request request, Response response, Callback callback) throws IOException {
        String name = Api.query(request, "data");
        if (name != null) {
            Path file = bundled.resolve(name);
            if (file == null) {
                Api.error(response, callback, 404, "data", "no bundled data file '" + name + "'");
            }
            return file;
        }
        long declared = request.getLength();
        if (declared > limits.maxBytes()) {
            // refused before a byte of the body is read: with Expect: 100-continue the client never sends it
            Api.error(response, callback, 413, "body", "the sheet is larger than " + (limits.maxBytes() >> 20) + " MB");
            return null;
        }
        byte[] body;
        BodyRate rate = new BodyRate(request);
        try (InputStream in = rate.counting(Content.Source.asInputStream(request))) {
            body = in.readNBytes(limits.maxBytes() + 1);
            if (body.length > limits.maxBytes()) {
                swallow(in);
            }
        } catch (IOException | RuntimeException e) {
            // a chunked body over the limit, or a client too slow to send it (the minimum data rate)
            String why = String.valueOf(e.getMessage());
            if (rate.cut()) {
                Api.error(response, callback, 408, "body", "the sheet arrived too slowly (under "
                        + ReviewService.MIN_BODY_BYTES_PER_SECOND / 1024 + " KB/s): send it again");
            } else if (status(e) == 413) {
                Api.error(response, callback, 413, "body", "the sheet is larger than " + (limits.maxBytes() >> 20)
                        + " MB");
            } else {
                Api.error(response, callback, 400, "body", why.toLowerCase(Locale.ROOT).contains("rate")
                        ? "the sheet arrived too slowly (under " + ReviewService.MIN_BODY_BYTES_PER_SECOND / 1024
                                + " KB/s): send it again" : "the sheet could not be read: " + why);
            }
            return null;
        } finally {
            rate.close();
        }
        if (body.length > limits.maxBytes()) {
            Api.error(response, callback, 413, "body", "the sheet is larger than " + (limits.maxBytes() >> 20) + " MB");
            return null;
        }
        if (body.length == 0) {
            Api.error(response, callback, 400, "body", "send a KPI sheet (CSV or .xlsx) as the request body, or"
                    + " ?data=NAME");
            return null;
        }
        boolean workbook = body.length > 3 && body[0] == 'P' && body[1] == 'K' && body[2] == 3 && body[3] == 4;
        String given = Api.query(request, "name");
        return bundled.saveUpload(safeName(given == null ? (workbook ? "upload.xlsx" : "upload.csv") : given,
                workbook), body);
    }

    private byte[] run(PolicyEngine engine, Path sheet, YearSelection years, Integer planYear, ReportFormat format,
            AtomicInteger rows, String kpi, BigDecimal actual) throws IOException {
        Path out = Files.createTempDirectory(BundledData.OUTPUTS);
        try {
            BatchRunner runner = new BatchRunner(engine, new BatchRunner.Settings(years, false, 1, planYear), file -> {
                List<Kpi> kpis = kpi == null ? readLimited(file) : whatIf(readLimited(file), kpi, actual,
                        years.years().isEmpty() ? 0 : years.years().get(0), file);
                rows.set(kpis.size());
                return kpis;
            });
            ReportFormat.File file = format.files().get(0);
            try (Reports reports = Reports.open(out, List.of(file.opener(out, HtmlReport.DEFAULT_DETAILED)))) {
                runner.run(List.of(sheet), reports, jp.kpireview.batch.Progress.SILENT);
                reports.commit();
            }
            byte[] body = Files.readAllBytes(out.resolve(file.fileName()));
            if (format == ReportFormat.JSON || format == ReportFormat.HTML) {
                // name the sheet as it was sent, not by the folder it was saved in
                String text = new String(body, StandardCharsets.UTF_8);
                body = text.replace(sheet.getParent().toString() + java.io.File.separator, "")
                        .getBytes(StandardCharsets.UTF_8);
            }
            return body;
        } finally {
            deleteTree(out);
        }
    }

    /** The one KPI asked for, with the actual it would have that year when one is given (a what-if). */
    private static List<Kpi> whatIf(List<Kpi> kpis, String id, BigDecimal actual, int year, Path file) {
        Kpi k = kpis.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow(() -> new DataException(
                new jp.kpireview.domain.SourceLocation(file.toString(), 0), "kpi", "no KPI '" + id + "' in the sheet"));
        if (actual == null) {
            return List.of(k);
        }
        return List.of(k.withActual(year, actual));
    }

    /** Reads a sheet, refusing more rows than the limit before any is evaluated. */
    private List<Kpi> readLimited(Path file) {
        List<Kpi> kpis = KpiData.read(file);
        if (kpis.size() > limits.maxKpis()) {
            throw new TooLarge("the sheet has " + kpis.size() + " KPI rows; at most " + limits.maxKpis()
                    + " per request");
        }
        return kpis;
    }

    /** Work that does not fit beside the work running: a 503 with Retry-After, never an OutOfMemoryError. */
    private static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message);
        }
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** A file name for error messages that cannot reach outside the temporary folder. */
    private static String safeName(String name, boolean workbook) {
        Path given = Path.of(name.replace('\\', '/')).getFileName();
        String clean = (given == null ? "upload" : given.toString()).replaceAll("[^\\p{L}\\p{N}._-]", "_");
        String extension = workbook ? ".xlsx" : ".csv";
        return clean.toLowerCase(Locale.ROOT).endsWith(extension) ? clean : clean + extension;
    }

    private static void delete(Path sheet, boolean temporary) {
        if (temporary) {
            deleteTree(sheet.getParent());
        }
    }

    static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
