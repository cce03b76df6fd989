package jp.kpireview.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.TimeUnit;
import jp.kpireview.io.Folders;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium, driven by its ChromeDriver over the W3C WebDriver protocol: one driver process and one
 * session, for the tests that look at what users see (the service's page, report.html at a screen's width and
 * printed). {@code .ci/run} installs both; under CI a missing browser fails the test rather than skipping it.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** The key WebDriver names an element by in its answers. */
    public static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Process driver;
    /**
     * The TMPDIR of the driver and the browser: Chromium leaves profile and crash folders in it
     * ({@code org.chromium.Chromium.scoped_dir.*}), some 14 per test run in /tmp otherwise; deleted on close.
     */
    private final Path temp;
    /** The session's URL: WebDriver commands are sent below it. */
    public final String session;

    /** Fails under CI, and skips the test elsewhere, when Chromium or its driver is missing. */
    public static void requireInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (System.getenv("CI") != null) {
            assertTrue(installed, "CI must run the browser tests: .ci/run installs chromium and chromium-driver");
        }
        Assumptions.assumeTrue(installed, "chromium and chromium-driver are not installed");
    }

    public HeadlessChromium(int width, int height) throws Exception {
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
        waitFor(base + "/status");
        session = base + "/session/" + field(send(base + "/session", "{\"capabilities\":{\"alwaysMatch\":{"
                + "\"browserName\":\"chrome\",\"goog:chromeOptions\":{\"binary\":\"" + CHROMIUM + "\",\"args\":["
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
     * Runs {@code js} every 100 ms, for up to 20 s, until what it returns satisfies {@code done}; the last answer (the
     * page works asynchronously: a fetch, a report in a frame).
     */
    public String poll(String js, java.util.function.Predicate<String> done) throws IOException, InterruptedException {
        String answer = run(js);
        for (int i = 0; i < 200 && !done.test(answer); i++) {
            Thread.sleep(100);
            answer = run(js);
        }
        return answer;
    }

    /** The page printed as the browser prints it (A4 landscape, backgrounds on), as PDF bytes. */
    public byte[] printA4Landscape() throws IOException, InterruptedException {
        String pdf = field(send(session + "/print", "{\"orientation\":\"landscape\",\"background\":true,"
                + "\"page\":{\"width\":29.7,\"height\":21.0}}"), "value");
        return Base64.getDecoder().decode(pdf);
    }

    /** The window's screenshot, as PNG bytes. */
    public byte[] screenshot() throws IOException, InterruptedException {
        String png = field(http.send(HttpRequest.newBuilder(URI.create(session + "/screenshot")).build(),
                HttpResponse.BodyHandlers.ofString()).body(), "value");
        return Base64.getDecoder().decode(png);
    }

    /** Sends a WebDriver command (POST with a JSON body); its answer. */
    public String send(String url, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(session)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        driver.destroy();
        driver.waitFor(10, TimeUnit.SECONDS);
        Folders.deleteTree(temp);
    }

    private void waitFor(String url) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the driver is still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("chromedriver did not start");
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
