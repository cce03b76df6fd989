package jp.kpireview.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jp.kpireview.domain.DataProblem;
import jp.kpireview.domain.SourceLocation;
import jp.kpireview.validate.CheckReport;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * How the service answers: JSON bodies, located errors in the command line's words (file names without the server's
 * folders), and the browser-safety headers every response carries.
 */
final class Api {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Api.class);

    static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final JsonFactory JSON = new JsonFactory();
    /** The page and the API: scripts only from the service itself, no framing by other sites, no referrer. */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data: blob:; frame-src 'self' blob: about:; connect-src 'self'; form-action 'self';"
            + " base-uri 'none'; object-src 'none'; frame-ancestors 'none'";
    /** A report shown in the page's frame: no script at all, styles inline, framed by the service only. */
    static final String REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
            + " frame-ancestors 'self'; sandbox";

    private Api() {
    }

    /** Writes the fields of one JSON object. */
    @FunctionalInterface
    interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    static void securityHeaders(Response response, String policy) {
        var headers = response.getHeaders();
        headers.put("Content-Security-Policy", policy);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", policy.equals(REPORT_POLICY) ? "SAMEORIGIN" : "DENY");
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    static void json(Response response, Callback callback, int status, Fields fields) {
        send(response, callback, status, JSON_TYPE, object(fields));
    }

    /** One JSON object of these fields, as bytes. */
    static byte[] object(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * {@code /api/years}' answer for a sheet: the years it has actuals for, and those and the year after them to plan,
     * each with its label (FY2018 (H30)).
     */
    static Fields years(List<Integer> years) {
        List<Integer> planYears = new java.util.ArrayList<>(years);
        if (!years.isEmpty()) {
            planYears.add(years.get(years.size() - 1) + 1);
        }
        return years(years, planYears);
    }

    static Fields years(List<Integer> years, List<Integer> planYears) {
        return json -> {
            yearList(json, "years", years);
            yearList(json, "planYears", planYears);
        };
    }

    private static void yearList(JsonGenerator json, String field, List<Integer> years) throws IOException {
        json.writeArrayFieldStart(field);
        for (int y : years) {
            json.writeStartObject();
            json.writeStringField("value", jp.kpireview.domain.FiscalYear.label(y));
            json.writeStringField("label", jp.kpireview.domain.FiscalYear.bothLabels(y));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** A file streamed as the body, read as it is sent. */
    static void send(Response response, Callback callback, int status, String type, Path body) throws IOException {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Files.size(body));
        Content.copy(Content.Source.from(body), response, callback);
    }

    static void send(Response response, Callback callback, int status, String type, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Located problems, as the command line prints them, with the count of all of them. */
    static void problems(Response response, Callback callback, int status, List<DataProblem> problems, int total) {
        // an error may be answered before the request's body was read (a bad query, a busy service): the connection
        // is closed after it and the client told so, or a client that sent its next request on it would find it
        // closed under that request (the JDK's client did: "header parser received no bytes")
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        json(response, callback, status, json -> {
            json.writeArrayFieldStart("errors");
            for (DataProblem p : problems) {
                SourceLocation at = p.source();
                Path name = Path.of(at.file()).getFileName();
                SourceLocation shown = new SourceLocation(name == null ? at.file() : name.toString(), at.sheet(),
                        at.line());
                json.writeStartObject();
                json.writeStringField("location", shown.toString());
                json.writeStringField("field", p.field());
                json.writeStringField("message", p.message());
                json.writeStringField("text", shown + ": " + p.field() + ": " + p.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("total", total);
        });
    }

    /**
     * A request that failed in the service itself: logged with its stack, answered 500 without it (or, when the answer
     * has begun, its connection failed).
     */
    static void failed(Request request, Response response, Callback callback, Throwable e) {
        LOG.error("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), e);
        if (!response.isCommitted()) {
            error(response, callback, 500, "server", "処理に失敗しました: 理由はサーバーのログにあります");
        } else {
            callback.failed(e);
        }
    }

    static void error(Response response, Callback callback, int status, String field, String message) {
        problems(response, callback, status, List.of(new DataProblem(new SourceLocation("request", 0), field,
                message)), 1);
    }

    static void check(JsonGenerator json, CheckReport report) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("summary");
        for (String line : report.summary()) {
            json.writeString(line);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("findings");
        for (CheckReport.Finding f : report.findings()) {
            json.writeStartObject();
            json.writeStringField("level", f.level().name().toLowerCase(Locale.ROOT));
            json.writeStringField("location", relative(f.file()) + (f.line() > 0 ? ":" + f.line() : ""));
            json.writeStringField("message", f.message());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** A rule file as the policy officer knows it (its period folder and name), never the server's absolute path. */
    static String relative(String file) {
        Path p = Path.of(file);
        int n = p.getNameCount();
        return n >= 2 ? p.subpath(n - 2, n).toString() : p.toString();
    }

    /** The request's query parameter, or null. */
    static String query(Request request, String name) {
        return Request.extractQueryParameters(request).getValue(name);
    }
}
