package jp.kpireview.system;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * Debian's headless Chromium, driven by its ChromeDriver over the W3C WebDriver protocol: one driver process and one
 * session, for the system tests that look at what users see (the service's page, report.html at a screen's width and
 * printed). {@code .ci/run} installs both.
 *
 * <p>Every wait is bounded by {@link SystemTest#PATIENCE} only, so that a busy machine is slow, not red. That is why
 * the page is printed and photographed through the DevTools protocol ({@code goog/cdp/execute}) and not WebDriver's own
 * {@code /print} and {@code /screenshot}: ChromeDriver gives those a fixed 10 s ("Timed out receiving message from
 * renderer: 10.000"), which printing the Otaru report exceeded when both cores were busy.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** The key WebDriver names an element by in its answers. */
    public static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    /** Between two looks at a page that is still working (a fetch, a report in a frame). */
    private static final long POLL_MILLIS = 100;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Process driver;
    /**
     * The TMPDIR of the driver and the browser: Chromium leaves profile and crash folders in it
     * ({@code org.chromium.Chromium.scoped_dir.*}); deleted on close, once every process of the browser has exited.
     */
    private final Path temp;
    /** The session's URL: WebDriver commands are sent below it. */
    public final String session;

    /** Fails, naming what to install, when Chromium or its driver is missing: a system test is never skipped. */
    public static void requireInstalled() {
        Programs.requireInstalled(CHROMIUM, "chromium");
        Programs.requireInstalled(DRIVER, "chromium-driver");
    }

    public HeadlessChromium(int width, int height) throws Exception {
        requireInstalled();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        temp = Files.createTempDirectory("kpi-review-chromium");
        ProcessBuilder start = new ProcessBuilder(DRIVER.toString(), "--port=" + port)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        start.environment().put("TMPDIR", temp.toString());
        driver = start.start();
        String base = "http://127.0.0.1:" + port;
        awaitDriver(base + "/status");
        // the script and page-load timeouts at the patience of every other wait (WebDriver's defaults: 30 s, 300 s)
        long patience = SystemTest.PATIENCE.toMillis();
        session = base + "/session/" + field(send(base + "/session", "{\"capabilities\":{\"alwaysMatch\":{"
                + "\"browserName\":\"chrome\",\"timeouts\":{\"script\":" + patience + ",\"pageLoad\":" + patience
                + "},\"goog:chromeOptions\":{\"binary\":\"" + CHROMIUM + "\",\"args\":["
                + "\"--headless\",\"--no-sandbox\",\"--disable-gpu\",\"--disable-background-networking\","
                + "\"--hide-scrollbars\",\"--window-size=" + width + "," + height + "\"]}}}}"), "sessionId");
    }

    public void open(String url) throws IOException, InterruptedException {
        send(session + "/url", "{\"url\":\"" + quote(url) + "\"}");
    }

    /** Runs {@code js} in the page; what it returns, as text. */
    public String run(String js) throws IOException, InterruptedException {
        return field(send(session + "/execute/sync", "{\"script\":\"" + quote(js) + "\",\"args\":[]}"), "value");
    }

    /**
     * Runs {@code js} until what it returns satisfies {@code done} (the page works asynchronously: a fetch, a report
     * in a frame), for up to {@link SystemTest#PATIENCE}; the last answer.
     */
    public String poll(String js, Predicate<String> done) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SystemTest.PATIENCE.toNanos();
        String answer = run(js);
        while (!done.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            answer = run(js);
        }
        return answer;
    }

    /** The page printed as the browser prints it (A4 landscape, backgrounds on), as PDF bytes. */
    public byte[] printA4Landscape() throws IOException, InterruptedException {
        return devTools("Page.printToPDF", "{\"landscape\":true,\"printBackground\":true,"
                + "\"paperWidth\":8.27,\"paperHeight\":11.69}");
    }

    /** The window's screenshot, as PNG bytes. */
    public byte[] screenshot() throws IOException, InterruptedException {
        return devTools("Page.captureScreenshot", "{\"format\":\"png\"}");
    }

    /** A DevTools command whose answer is base64 {@code data} (a PDF, a PNG), decoded. */
    private byte[] devTools(String command, String params) throws IOException, InterruptedException {
        String answer = send(session + "/goog/cdp/execute", "{\"cmd\":\"" + command + "\",\"params\":" + params + "}");
        return Base64.getDecoder().decode(field(answer, "data"));
    }

    /** Sends a WebDriver command (POST with a JSON body); its answer. */
    public String send(String url, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * Ends the session and waits until the browser, its helpers and the driver have all exited, then deletes their
     * temporary folder: deleted while Chromium still wrote its profile, it failed as "directory not empty".
     */
    @Override
    public void close() throws Exception {
        // the browser and its helpers, seen while the driver is still their parent (it reaps them as they exit)
        List<ProcessHandle> browser = driver.descendants().toList();
        try {
            http.send(HttpRequest.newBuilder(URI.create(session)).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        } finally {
            Programs.awaitExit(browser);
            driver.destroy();
            Programs.awaitExit(List.of(driver.toHandle()));
            Programs.deleteQuietly(temp);
        }
    }

    private void awaitDriver(String url) throws InterruptedException {
        long deadline = System.nanoTime() + SystemTest.PATIENCE.toNanos();
        while (System.nanoTime() < deadline && driver.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the driver is still starting
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("chromedriver did not start" + (driver.isAlive() ? "" : ": it exited with "
                + driver.exitValue()));
    }

    /** The first string value of {@code name} anywhere in a WebDriver answer. */
    public static String field(String json, String name) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t == JsonToken.FIELD_NAME && name.equals(parser.currentName())
                        && parser.nextToken() == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
            }
        }
        throw new IllegalStateException("no " + name + " in " + json);
    }

    public static String quote(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }
}
