package jp.kpireview.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.kpireview.cli.Cli;
import jp.kpireview.io.TestWorkbooks;
import jp.kpireview.rules.KpiFixture;
import jp.kpireview.system.SystemTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as an attacker or a careless user would try it: slow clients, bodies that lie about their size, other
 * sites' pages, unknown paths and methods, symlinks in the data folder, an evaluation over its budget.
 */
class ServiceHardeningTest {

    private static final Path SEED = Path.of("seeds/otaru-h30.csv");

    @TempDir
    Path dir;

    private RuleHolder holder;
    private ReviewService service;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("rules"), drl -> drl);
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.copy(SEED, data.resolve("otaru.csv"));
        holder = RuleHolder.start(rules);
        service = ReviewService.start(holder, data, new ReviewService.Limits(1 << 20, 100, 30, 2), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        service.close();
        holder.close();
    }

    @Test
    @SystemTest
    void slowClientsAreClosedAndDoNotDelayOthers() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Socket s = new Socket("127.0.0.1", service.port());
                s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            long started = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                assertEquals(200, get("/health").statusCode());
            }
            assertTrue(System.nanoTime() - started < 5_000_000_000L, "health answers while slow clients wait");
            // one byte every 0.5 s: never idle, yet closed once its request is not whole after the time it has
            Socket dripping = slow.get(0);
            boolean closed = false;
            long deadline = System.nanoTime() + 12_000_000_000L;
            while (!closed && System.nanoTime() < deadline) {
                try {
                    dripping.getOutputStream().write('X');
                    dripping.getOutputStream().flush();
                    Thread.sleep(500);
                } catch (IOException e) {
                    closed = true;
                }
            }
            assertTrue(closed, "the dripping connection was closed");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    @SystemTest
    void aBodySentSlowerThanTheMinimumRateIsRefused() throws Exception {
        try (Socket s = new Socket("127.0.0.1", service.port())) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/evaluate?year=FY2018 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            String answer = "";
            try {
                for (int i = 0; i < 40 && s.getInputStream().available() == 0; i++) {
                    out.write('k');
                    out.flush();
                    Thread.sleep(250);
                }
                answer = read(s.getInputStream());
            } catch (IOException closed) {
                answer = "closed";
            }
            assertTrue(System.nanoTime() - started < 12_000_000_000L, "answered within seconds");
            assertTrue(answer.equals("closed") || answer.matches("(?s)HTTP/1.1 40[08] .*") && answer.contains("シートの届くのが遅すぎました"),
                    answer);
        }
    }

    /**
     * Bodies that stall (headers whole, a byte, then nothing), more of them than the server has threads, are cut
     * within seconds by the rate watchdog, each answered, and hold no thread while they wait: the body is read as it
     * arrives (before, 29 threads sat blocked in a read and /health answered once in 18 s).
     */
    @Test
    @SystemTest
    void manySlowBodiesAreCutAndHealthStillAnswers() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {  // more than the server's 32 threads
                Socket s = new Socket("127.0.0.1", service.port());
                s.setSoTimeout(10_000);
                s.getOutputStream().write(("POST /api/evaluate?year=FY2018 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Length: 50000\r\n\r\nk").getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            long started = System.nanoTime();
            // no more of the bodies: the reads wait, holding no thread, before the watchdog (after its 1 s grace) cuts
            // them. The fewest threads busy in that second (the server may still be reading the 64 requests' headers
            // at first): a blocking read held one thread each, all 32
            int fewest = Integer.MAX_VALUE;
            for (int i = 0; i < 9; i++) {
                Thread.sleep(100);
                fewest = Math.min(fewest, service.threadsBusy());
            }
            assertTrue(fewest < 8, "a body still to come holds no thread: " + fewest + " busy");
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> health = get("/health");
                assertEquals(200, health.statusCode());
                Thread.sleep(500);
            }
            int answered = 0;
            for (Socket s : slow) {
                String answer = read(s.getInputStream());
                if (answer.contains("シートの届くのが遅すぎました")) {
                    answered++;
                }
            }
            assertEquals(slow.size(), answered, "every slow body is answered, as arriving too slowly");
            assertTrue(System.nanoTime() - started < 8_000_000_000L, "within seconds, before the idle timeout");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void aBodyThatDeclaresTooMuchIsRefusedBeforeItIsSent() throws Exception {
        try (Socket s = new Socket("127.0.0.1", service.port())) {
            s.setSoTimeout(60_000);  // a guard against a hang: the answer comes at once
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/evaluate?year=FY2018 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 104857600\r\n"
                    + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = read(s.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertFalse(answer.contains("100 Continue"), answer);
            assertTrue(answer.contains("1 MB を超えています"), answer);
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefused() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/api/evaluate?year=FY2018"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    private long left = 3L << 20;

                    @Override
                    public int read() {
                        return left-- > 0 ? 'a' : -1;
                    }
                })).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
    }

    @Test
    void aPostFromAnotherSitesPageIsRefused() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/api/evaluate?year=FY2018&data=otaru.csv"))
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode());
        HttpResponse<String> own = client.send(HttpRequest.newBuilder(uri("/api/evaluate?year=FY2018&data=otaru.csv"
                + "&format=csv")).header("Origin", "http://127.0.0.1:" + service.port())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, own.statusCode(), own.body());
    }

    @Test
    void routesMatchExactlyAndMethodsAreChecked() throws Exception {
        assertEquals(404, get("/healthz").statusCode());
        assertTrue(get("/health/../../etc/passwd").statusCode() >= 400);
        assertEquals(404, get("/api/rules/x").statusCode());
        HttpResponse<String> wrong = client.send(HttpRequest.newBuilder(uri("/api/evaluate")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, wrong.statusCode());
        assertEquals("POST", wrong.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> page = get("/");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
        assertTrue(page.body().contains("<iframe id=\"report\" title=\"report\" sandbox=\"allow-same-origin\">"), "no script in the report frame");
        assertFalse(get("/api/rules").body().contains(dir.toString()), "no absolute paths in responses");
    }

    @Test
    void bundledFilesAreOnlyThoseInsideTheDataFolder() throws Exception {
        Path outside = Files.writeString(dir.resolve("secret.csv"), Files.readString(SEED));
        Files.createSymbolicLink(dir.resolve("data/link.csv"), outside);
        assertEquals("{\"files\":[\"otaru.csv\"]}", get("/api/data").body());
        HttpResponse<String> r = post("/api/evaluate?data=link.csv");
        assertEquals(404, r.statusCode());
        r = post("/api/evaluate?data=../secret.csv");
        assertEquals(404, r.statusCode());
    }

    @Test
    @SystemTest
    void anEvaluationOverItsBudgetIsStoppedAndItsThreadFreed() throws Exception {
        service.close();
        service = ReviewService.start(holder, dir.resolve("data"), new ReviewService.Limits(1 << 20, 100, 0, 1),
                "127.0.0.1", 0);
        HttpResponse<String> r = post("/api/evaluate?data=otaru.csv");
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.body().contains("評価が 0 秒を超えたので止めました"), r.body());
        long deadline = System.nanoTime() + SystemTest.PATIENCE.toNanos();
        while (service.evaluationsRunning() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, service.evaluationsRunning(), "no thread left computing");
    }

    @Test
    @SystemTest
    void aHugeNumberInAnUploadedWorkbookIsALocatedErrorAtOnce() throws Exception {
        Path csv = Files.writeString(dir.resolve("big.csv"), "kpi_id,project,business_no,business,kpi,unit,direction,"
                + "baseline_year,baseline,target_year,target,FY2018\n1,p,1,b,k,件,↗,FY2014,0,FY2019,10,1E99999999\n");
        long started = System.nanoTime();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/api/evaluate?year=FY2018")).POST(
                HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("upload.csv:2: FY2018: '1E99999999' は大きすぎるか小さすぎる数です"),
                r.body());
        assertTrue(System.nanoTime() - started < 5_000_000_000L);
    }

    /**
     * The attack that killed the service: a 67 KB workbook whose one shared string holds 63.9 million characters,
     * and one of 60 million, each sent twice at once. Each is refused at its file before a reader holds the string.
     */
    @Test
    void aWorkbookWithOneHugeSharedStringIsRefusedAndTheServiceStaysUp() throws Exception {
        for (int chars : new int[] {63_900_000, 60_000_000}) {
            Path book = TestWorkbooks.withSharedString(dir.resolve(chars + ".xlsx"), chars);
            HttpRequest request = HttpRequest.newBuilder(uri("/api/evaluate?year=FY2018&name=" + chars + ".xlsx"))
                    .POST(HttpRequest.BodyPublishers.ofFile(book)).build();
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> twice = List.of(
                    client.sendAsync(request, HttpResponse.BodyHandlers.ofString()),
                    client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            for (var answer : twice) {
                HttpResponse<String> r = answer.get();
                assertEquals(400, r.statusCode(), r.body());
                assertTrue(r.body().contains(chars + ".xlsx") && r.body().contains("ブックのセルに 2000 文字を超える"
                        + "文字があります"), r.body());
            }
        }
        assertEquals(200, client.send(HttpRequest.newBuilder(uri("/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void aWhatIfWithoutAnActualAsksForOne() throws Exception {
        HttpResponse<String> r = post("/api/evaluate?year=FY2019&format=json"
                + "&kpi=17&actual=&data=otaru.csv");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("実績値を入力してください"), r.body());
    }

    @Test
    void aPlanAskedOfAFormatThatCannotHoldItIsRefused() throws Exception {
        HttpResponse<String> json = post("/api/evaluate?year=FY2018&format=json"
                + "&plan=FY2019&data=otaru.csv");
        assertEquals(400, json.statusCode(), json.body());
        assertTrue(json.body().contains("format=html か format=xlsx にするか"), json.body());
    }

    @Test
    void serveOnABusyPortSaysSoInOneLine() {
        String run = Cli.run("serve", "--port", String.valueOf(service.port()), "--rules",
                holder.folder().toString());
        assertTrue(run.startsWith("2\n"), run);
        assertEquals(1, run.strip().lines().count() - 1, run);
        assertTrue(run.contains("ポートが使われています"), run);
    }

    private static String read(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        StringBuilder text = new StringBuilder();
        try {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (text.indexOf("}") > 0) {
                    break;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            // what came is the answer
        }
        return text.toString();
    }

    /** A POST with no body: the sheet named by {@code ?data=}. */
    private HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + service.port() + path);
    }
}
