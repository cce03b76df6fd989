package jp.kpireview.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import jp.kpireview.batch.BatchRunner;
import jp.kpireview.batch.Progress;
import jp.kpireview.batch.YearSelection;
import jp.kpireview.domain.DataException;
import jp.kpireview.domain.FiscalYear;
import jp.kpireview.domain.DataProblem;
import jp.kpireview.domain.Kpi;
import jp.kpireview.domain.SourceLocation;
import jp.kpireview.engine.RuleSetException;
import jp.kpireview.io.KpiData;
import jp.kpireview.report.HtmlReport;
import jp.kpireview.report.ReportWriter;
import jp.kpireview.report.ReportXlsx;
import jp.kpireview.report.Reports;
import jp.kpireview.report.ResultsCsv;
import jp.kpireview.report.ResultsJson;
import jp.kpireview.validate.RuleCheck;

/**
 * The evaluation service: the JDK's HTTP server in front of the same engine and reports as the command line.
 * <pre>
 * GET  /health                      ok, and the rule set version
 * GET  /api/rules                   rule set version (hash), load time, files, validation, a rejected edit
 * POST /api/evaluate?year=&amp;format=  body: a CSV or .xlsx KPI sheet (or ?data=NAME for a bundled file);
 *                                   format json (default), csv, xlsx or html
 * GET  /                            the page
 * </pre>
 * Each request evaluates in its own sessions with the rules current when it started. Errors are JSON with the same
 * located messages as the command line; bad input is a 4xx, never a stack trace.
 */
public final class ReviewService implements AutoCloseable {

    /** Limits per request: body size, KPI rows, evaluation time. */
    public record Limits(int maxBytes, int maxKpis, long maxSeconds) {
        public static final Limits DEFAULT = new Limits(10 << 20, 20_000, 30);
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final Map<String, String> TYPES = Map.of("json", "application/json; charset=utf-8",
            "csv", "text/csv; charset=utf-8", "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "html", "text/html; charset=utf-8");

    private final RuleHolder rules;
    private final Path data;
    private final Limits limits;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ExecutorService evaluations;

    private ReviewService(RuleHolder rules, Path data, Limits limits, InetSocketAddress address) throws IOException {
        this.rules = rules;
        this.data = data;
        this.limits = limits;
        server = HttpServer.create(address, 64);
        handlers = Executors.newFixedThreadPool(8);
        evaluations = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        server.setExecutor(handlers);
        server.createContext("/health", this::health);
        server.createContext("/api/rules", this::rules);
        server.createContext("/api/data", this::dataFiles);
        server.createContext("/api/evaluate", this::evaluate);
        server.createContext("/", this::page);
    }

    /** Starts serving; {@code port} 0 takes a free port (see {@link #port()}). */
    public static ReviewService start(RuleHolder rules, Path data, Limits limits, String host, int port)
            throws IOException {
        ReviewService service = new ReviewService(rules, data, limits, new InetSocketAddress(host, port));
        service.server.start();
        return service;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void health(HttpExchange x) throws IOException {
        respondJson(x, 200, json -> {
            json.writeStringField("status", "ok");
            json.writeStringField("rules", rules.current().hash());
        });
    }

    private void rules(HttpExchange x) throws IOException {
        RuleHolder.Current current = rules.current();
        Map<String, RuleHolder.Rejected> rejected = rules.rejected();
        respondJson(x, 200, json -> {
            json.writeStringField("hash", current.hash());
            json.writeStringField("folder", rules.folder().getFileName().toString());
            json.writeArrayFieldStart("policies");
            for (RuleHolder.Loaded loaded : current.policies()) {
                json.writeStartObject();
                json.writeStringField("name", loaded.period().name());
                if (loaded.period().firstYear() == null) {
                    json.writeNullField("from");
                } else {
                    json.writeStringField("from", FiscalYear.label(loaded.period().firstYear()));
                }
                json.writeStringField("hash", loaded.hash());
                json.writeStringField("loadedAt", loaded.loadedAt().toString());
                json.writeArrayFieldStart("files");
                for (Path f : loaded.policy().rules().files()) {
                    json.writeString(f.getFileName().toString());
                }
                json.writeEndArray();
                json.writeFieldName("validation");
                check(json, loaded.check());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeFieldName("rejected");
            if (rejected.isEmpty()) {
                json.writeNull();
            } else {
                json.writeStartObject();
                for (RuleHolder.Rejected r : rejected.values()) {
                    json.writeObjectFieldStart(r.period());
                    json.writeStringField("hash", r.hash());
                    json.writeStringField("at", r.at().toString());
                    json.writeFieldName("validation");
                    check(json, r.check());
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
        });
    }

    private void dataFiles(HttpExchange x) throws IOException {
        List<String> names = bundled();
        respondJson(x, 200, json -> {
            json.writeArrayFieldStart("files");
            for (String n : names) {
                json.writeString(n);
            }
            json.writeEndArray();
        });
    }

    private List<String> bundled() {
        if (data == null || !Files.isDirectory(data)) {
            return List.of();
        }
        return KpiData.files(data).stream().filter(ReviewService::looksLikeKpiData)
                .map(p -> p.getFileName().toString()).toList();
    }

    /** A workbook, or a CSV whose header names a kpi_id column (the published-score files of seeds/ do not). */
    private static boolean looksLikeKpiData(Path file) {
        if (!file.toString().endsWith(".csv")) {
            return true;
        }
        try (var lines = Files.lines(file)) {
            return lines.findFirst().map(header -> header.contains("kpi_id") && header.contains("baseline"))
                    .orElse(false);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private void evaluate(HttpExchange x) throws IOException {
        try {
            if (!"POST".equals(x.getRequestMethod())) {
                error(x, 405, "method", "use POST with the KPI sheet as the body");
                return;
            }
            Map<String, String> query = query(x);
            String format = query.getOrDefault("format", "json");
            if (!TYPES.containsKey(format)) {
                error(x, 400, "format", "unknown format '" + format + "' (json, csv, xlsx or html)");
                return;
            }
            YearSelection years;
            try {
                years = YearSelection.parse(query.getOrDefault("year", "all"));
            } catch (IllegalArgumentException e) {
                error(x, 400, "year", e.getMessage());
                return;
            }
            Path sheet = sheet(x, query);
            if (sheet == null) {
                return;
            }
            RuleHolder.Current loaded = rules.current();
            Future<byte[]> result = evaluations.submit(() -> run(loaded, sheet, years, format));
            byte[] body;
            try {
                body = result.get(limits.maxSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                result.cancel(true);
                error(x, 503, "time", "the evaluation took longer than " + limits.maxSeconds() + " s");
                return;
            }
            x.getResponseHeaders().set("Content-Type", TYPES.get(format));
            x.getResponseHeaders().set("X-Rules", loaded.hash());
            respond(x, 200, body);
        } catch (java.util.concurrent.ExecutionException e) {
            failed(x, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(x, 503, "server", "interrupted");
        } catch (RuntimeException e) {
            failed(x, e);
        }
    }

    /** The uploaded sheet saved to a temporary folder, or a bundled file; null after answering an error. */
    private Path sheet(HttpExchange x, Map<String, String> query) throws IOException {
        if (query.containsKey("data")) {
            String name = query.get("data");
            if (!bundled().contains(name)) {
                error(x, 404, "data", "no bundled data file '" + name + "'");
                return null;
            }
            return data.resolve(name);
        }
        byte[] body = readLimited(x.getRequestBody(), limits.maxBytes());
        if (body == null) {
            error(x, 413, "body", "the sheet is larger than " + (limits.maxBytes() >> 20) + " MB");
            return null;
        }
        if (body.length == 0) {
            error(x, 400, "body", "send a KPI sheet (CSV or .xlsx) as the request body, or ?data=NAME");
            return null;
        }
        boolean workbook = body.length > 3 && body[0] == 'P' && body[1] == 'K' && body[2] == 3 && body[3] == 4;
        String name = safeName(query.getOrDefault("name", workbook ? "upload.xlsx" : "upload.csv"), workbook);
        Path folder = Files.createTempDirectory("kpi-review-");
        Path file = folder.resolve(name);
        Files.write(file, body);
        return file;
    }

    private byte[] run(RuleHolder.Current loaded, Path sheet, YearSelection years, String format) throws IOException {
        Path out = Files.createTempDirectory("kpi-review-out-");
        try {
            BatchRunner runner = new BatchRunner(loaded.engine(), new BatchRunner.Settings(years, false, 1),
                    this::readLimited);
            String file = switch (format) {
                case "csv" -> "results.csv";
                case "xlsx" -> "report.xlsx";
                case "html" -> "report.html";
                default -> "results.json";
            };
            Path target = out.resolve(file);
            Supplier<? extends ReportWriter<?>> writer = switch (format) {
                case "csv" -> () -> new ResultsCsv(target);
                case "xlsx" -> () -> new ReportXlsx(target);
                case "html" -> () -> new HtmlReport(target, HtmlReport.DEFAULT_DETAILED);
                default -> () -> new ResultsJson(target);
            };
            try (Reports reports = Reports.open(out, List.of(writer))) {
                runner.run(List.of(sheet), reports, Progress.SILENT);
                reports.commit();
            }
            byte[] body = Files.readAllBytes(target);
            if (format.equals("json") || format.equals("html")) {
                // name the sheet as it was sent, not by the temporary folder it was saved in
                String text = new String(body, StandardCharsets.UTF_8);
                body = text.replace(sheet.getParent().toString() + java.io.File.separator, "")
                        .getBytes(StandardCharsets.UTF_8);
            }
            return body;
        } finally {
            deleteTree(out);
            if (sheet.getParent().getFileName().toString().startsWith("kpi-review-")) {
                deleteTree(sheet.getParent());
            }
        }
    }

    /** Reads a sheet, refusing more rows than the limit before any is evaluated. */
    private List<Kpi> readLimited(Path file) {
        List<Kpi> kpis = KpiData.read(file);
        if (kpis.size() > limits.maxKpis()) {
            throw new TooLarge("the sheet has " + kpis.size() + " KPI rows; at most " + limits.maxKpis() + " per request");
        }
        return kpis;
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message);
        }
    }

    private void failed(HttpExchange x, Throwable e) throws IOException {
        if (e instanceof DataException data) {
            problems(x, 400, data.problems());
        } else if (e instanceof TooLarge tooLarge) {
            error(x, 413, "rows", tooLarge.getMessage());
        } else if (e instanceof RuleSetException broken) {
            respondJson(x, 500, json -> {
                json.writeArrayFieldStart("errors");
                for (var p : broken.problems()) {
                    json.writeStartObject();
                    json.writeStringField("location", p.file() + (p.line() > 0 ? ":" + p.line() : ""));
                    json.writeStringField("message", "rules: " + p.message());
                    json.writeEndObject();
                }
                json.writeEndArray();
            });
        } else {
            System.err.println("kpi-review service: " + e);
            error(x, 500, "server", "the evaluation failed; the server log says why");
        }
    }

    private void page(HttpExchange x) throws IOException {
        if (!x.getRequestURI().getPath().equals("/")) {
            error(x, 404, "path", "no such page: " + x.getRequestURI().getPath());
            return;
        }
        x.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        respond(x, 200, ServicePage.HTML.getBytes(StandardCharsets.UTF_8));
    }

    /** Located problems as the command line prints them, the temporary folder left out. */
    private void problems(HttpExchange x, int status, List<DataProblem> problems) throws IOException {
        respondJson(x, status, json -> {
            json.writeArrayFieldStart("errors");
            for (DataProblem p : problems) {
                SourceLocation at = p.source();
                String file = Path.of(at.file()).getFileName().toString();
                SourceLocation shown = new SourceLocation(file, at.sheet(), at.line());
                json.writeStartObject();
                json.writeStringField("location", shown.toString());
                json.writeStringField("field", p.field());
                json.writeStringField("message", p.message());
                json.writeStringField("text", shown + ": " + p.field() + ": " + p.message());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private void error(HttpExchange x, int status, String field, String message) throws IOException {
        problems(x, status, List.of(new DataProblem(new SourceLocation("request", 0), field, message)));
    }

    private static void check(JsonGenerator json, RuleCheck.Report report) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("summary");
        for (String line : report.summary()) {
            json.writeString(line);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("findings");
        for (RuleCheck.Finding f : report.findings()) {
            json.writeStartObject();
            json.writeStringField("level", f.level().name().toLowerCase(java.util.Locale.ROOT));
            json.writeStringField("location", f.file() + (f.line() > 0 ? ":" + f.line() : ""));
            json.writeStringField("message", f.message());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private static void respondJson(HttpExchange x, int status, Fields fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        }
        x.getResponseHeaders().set("Content-Type", TYPES.get("json"));
        respond(x, status, bytes.toByteArray());
    }

    private static void respond(HttpExchange x, int status, byte[] body) throws IOException {
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (var out = x.getResponseBody()) {
            out.write(body);
        }
    }

    /** The body, or null when it is longer than {@code max}. */
    private static byte[] readLimited(InputStream in, int max) throws IOException {
        byte[] body = in.readNBytes(max + 1);
        return body.length > max ? null : body;
    }

    private static Map<String, String> query(HttpExchange x) {
        Map<String, String> query = new HashMap<>();
        String raw = x.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    /** A file name for error messages that cannot reach outside the temporary folder. */
    private static String safeName(String name, boolean workbook) {
        String clean = Path.of(name).getFileName().toString().replaceAll("[^\\p{L}\\p{N}._-]", "_");
        String extension = workbook ? ".xlsx" : ".csv";
        return clean.toLowerCase(java.util.Locale.ROOT).endsWith(extension) ? clean : clean + extension;
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        evaluations.shutdownNow();
    }
}
