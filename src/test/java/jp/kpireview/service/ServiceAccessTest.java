package jp.kpireview.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.kpireview.cli.Cli;
import jp.kpireview.rules.KpiFixture;
import jp.kpireview.system.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who the service answers: the host names it is reached by (a rebinding page names its own), a token beyond
 * loopback (in the printed address once, then a cookie), and an answer that takes longer than the slow-connection
 * guard's time after an {@code Expect: 100-continue}.
 */
class ServiceAccessTest {

    private static final Path SEED = Path.of("seeds/otaru-h30.csv");

    @TempDir
    Path dir;

    private ReviewService start(RuleHolder holder, String host, String token) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        if (!Files.exists(data.resolve("otaru.csv"))) {
            Files.copy(SEED, data.resolve("otaru.csv"));
        }
        return ReviewService.start(holder, data, new ReviewService.Limits(1 << 20, 100, 30, 2), host, 0,
                List.of("kpi.example.lg.jp"), token);
    }

    /** Sends {@code request} whole and reads the answer (status line, headers, body). */
    private static String exchange(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return read(s.getInputStream());
        }
    }

    private static String read(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            int body = text.indexOf("\r\n\r\n");
            if (body > 0 && !text.toString().startsWith("HTTP/1.1 100")) {
                java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)")
                        .matcher(text);
                if (length.find() && text.toString().getBytes(StandardCharsets.UTF_8).length - body - 4
                        >= Integer.parseInt(length.group(1))) {
                    break;
                }
            }
        }
        return text.toString();
    }

    @Test
    void aForeignHostIsRefusedAndTheServedNamesAreAnswered() throws IOException {
        try (RuleHolder holder = RuleHolder.start(KpiFixture.copyOfRules(dir.resolve("rules"), t -> t));
                ReviewService service = start(holder, "127.0.0.1", null)) {
            assertNull(service.token(), "loopback needs no token");
            String evil = exchange(service.port(), "GET /api/rules HTTP/1.1\r\nHost: evil.example\r\n"
                    + "Origin: http://evil.example\r\nConnection: close\r\n\r\n");
            assertTrue(evil.startsWith("HTTP/1.1 421") && evil.contains("'evil.example' ではありません")
                    && !evil.contains("\"policies\""), evil);
            for (String host : List.of("127.0.0.1", "localhost", "kpi.example.lg.jp")) {
                String ok = exchange(service.port(), "GET /health HTTP/1.1\r\nHost: " + host + ":" + service.port()
                        + "\r\nConnection: close\r\n\r\n");
                assertTrue(ok.startsWith("HTTP/1.1 200"), host + ": " + ok);
            }
            String head = exchange(service.port(), "HEAD /api/rules HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
        }
    }

    @Test
    void beyondLoopbackEveryRequestNeedsTheToken() throws IOException {
        try (RuleHolder holder = RuleHolder.start(KpiFixture.copyOfRules(dir.resolve("rules"), t -> t));
                ReviewService service = start(holder, "0.0.0.0", null)) {
            String token = service.token();
            assertNotNull(token);
            assertTrue(token.length() >= 32, token);
            String port = String.valueOf(service.port());
            String none = exchange(service.port(), "GET /api/rules HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n\r\n");
            assertTrue(none.startsWith("HTTP/1.1 401") && !none.contains("\"policies\""), none);
            String wrong = exchange(service.port(), "GET /?token=" + "0".repeat(token.length()) + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertTrue(wrong.startsWith("HTTP/1.1 401"), wrong);
            String page = exchange(service.port(), "GET /?token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n");
            assertTrue(page.startsWith("HTTP/1.1 200"), page);
            String cookie = page.lines().filter(l -> l.toLowerCase().startsWith("set-cookie:")).findFirst().orElse("");
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            // the cookie as a browser keeps it: the name=value pair that opens the header, sent back as it is
            String pair = cookie.substring("set-cookie:".length()).strip().split(";", 2)[0];
            assertEquals(Access.COOKIE + "=" + token, pair, cookie);
            String withCookie = exchange(service.port(), "GET /api/rules HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: "
                    + pair + "\r\nConnection: close\r\n\r\n");
            assertTrue(withCookie.startsWith("HTTP/1.1 200") && withCookie.contains("\"policies\""), withCookie);
            String bearer = exchange(service.port(), "GET /api/data HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization:"
                    + " Bearer " + token + "\r\nConnection: close\r\n\r\n");
            assertTrue(bearer.startsWith("HTTP/1.1 200"), bearer);
        }
    }

    @Test
    void aTokenFileIsUsedAndServeRefusesAMissingDataFolder() throws IOException {
        try (RuleHolder holder = RuleHolder.start(KpiFixture.copyOfRules(dir.resolve("rules"), t -> t));
                ReviewService service = start(holder, "0.0.0.0", "the-city-hall-token-of-2026")) {
            assertEquals("the-city-hall-token-of-2026", service.token());
        }
        String run = Cli.run("serve", "--port", "0", "--data", dir.resolve("seedz").toString());
        assertTrue(run.startsWith("2\n") && run.contains("seedz: データのフォルダがありません"), run);
    }

    @Test
    void temporaryFoldersAStoppedServiceLeftAreDeletedAtStart() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path old = Files.createTempDirectory(tmp, "kpi-review-upload-");
        Files.writeString(old.resolve("upload.csv"), "left by a killed run");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                - java.time.Duration.ofHours(2).toMillis()));
        Path fresh = Files.createTempDirectory(tmp, "kpi-review-out-");
        try (RuleHolder holder = RuleHolder.start(KpiFixture.copyOfRules(dir.resolve("rules"), t -> t));
                ReviewService service = start(holder, "127.0.0.1", null)) {
            assertFalse(Files.exists(old), "an hour-old leftover is deleted");
            assertTrue(Files.exists(fresh), "a folder another service may be using is left alone");
        } finally {
            jp.kpireview.io.Folders.deleteTree(fresh);
        }
    }

    @Test
    void workIsAdmittedByTheMemoryItTakes() throws Exception {
        // a heap whose share holds a plan of 50 KPIs
        long plan50 = WorkMemory.evaluating(50, 1, true);
        WorkMemory memory = new WorkMemory((long) Math.ceil(plan50 / WorkMemory.SHARE_OF_HEAP));
        assertEquals(50, memory.maxPlannedKpis());
        try (WorkMemory.Share first = memory.share(); WorkMemory.Share second = memory.share()) {
            first.resize(WorkMemory.evaluating(30, 1, true), "a plan of 30 KPIs");
            WorkMemory.Refused busy = assertThrows(WorkMemory.Refused.class,
                    () -> second.resize(WorkMemory.evaluating(30, 1, true), "a plan of 30 KPIs"));
            assertFalse(busy.tooLarge, "a second plan that does not fit beside the first is told to come back");
            first.close();
            second.resize(WorkMemory.evaluating(30, 1, true), "a plan of 30 KPIs");
            second.resize(WorkMemory.evaluating(1, 1, false), "a smaller piece");
        }
        assertEquals(0, memory.inUse(), "every share is given back");
        WorkMemory.Refused large = assertThrows(WorkMemory.Refused.class,
                () -> memory.share().resize(memory.budget() + 1, "シート"));
        assertTrue(large.tooLarge && large.getMessage().startsWith("シートには約 "), large.getMessage());
        assertEquals(0, memory.inUse(), "a refused share holds nothing");

        Path data = Files.createDirectories(dir.resolve("plan-data"));
        Files.copy(SEED, data.resolve("otaru.csv"));
        long heap = (long) Math.ceil(plan50 / WorkMemory.SHARE_OF_HEAP);
        try (RuleHolder holder = RuleHolder.start(KpiFixture.copyOfRules(dir.resolve("rules"), t -> t));
                ReviewService service = ReviewService.start(holder, data, new ReviewService.Limits(1 << 20, 100, 30,
                        2, heap), "127.0.0.1", 0)) {
            String plan = exchange(service.port(), "POST /api/plan?year=FY2019&data=otaru.csv HTTP/1.1\r\nHost:"
                    + " 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            assertTrue(plan.startsWith("HTTP/1.1 413") && plan.contains("シートに KPI が 73 行あります。計画は一度に"
                    + " 50 行までです"), plan);
            String all = exchange(service.port(), "POST /api/evaluate?data=otaru.csv&format=html HTTP/1.1\r\nHost:"
                    + " 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            assertTrue(all.startsWith("HTTP/1.1 200"), "73 KPIs of all their years fit: " + all.lines().findFirst());
            assertEquals(0, service.evaluationsRunning());
        }
    }

    /** A sheet of one KPI, SLOW, for the rules of {@link #slowRules}. */
    private static final String SLOW_KPI = "kpi_id,project,business_no,business,kpi,unit,direction,baseline_year,"
            + "baseline,target_year,target,FY2018\nSLOW,(1) p,1,b,k,件,↗,FY2014,0,FY2019,10,5\n";

    /** The rules with one more that takes {@code seconds} to evaluate each KPI whose number starts with SLOW. */
    private Path slowRules(int seconds) throws IOException {
        Path rules = KpiFixture.copyOfRules(dir.resolve("slow-rules"), t -> t);
        Files.writeString(rules.resolve("slow.drl"), "package kpireview.rules;\n\nimport jp.kpireview.facts.KpiYear;\n"
                + "import jp.kpireview.facts.Pause;\n\n"
                + "// 方針: (テスト) KPI SLOW の評価は " + seconds + " 秒かかる。\nrule \"Slow\"\n@explain(\"" + seconds
                + " 秒\")\nwhen\n    $k : KpiYear( kpiId.startsWith(\"SLOW\") )\nthen\n    Pause.forSeconds(" + seconds
                + ");\nend\n");
        return rules;
    }

    /**
     * A sheet of ten KPIs that take a second each, with a budget of two: the answer is 503 after the budget, and two
     * seconds later no evaluation thread is computing (each is parked, waiting for work) and /health says so.
     */
    @Test
    @SystemTest
    void anEvaluationOverItsBudgetLeavesNoThreadComputing() throws Exception {
        Path rules = slowRules(1);
        StringBuilder sheet = new StringBuilder(SLOW_KPI.lines().findFirst().orElseThrow()).append('\n');
        for (int i = 0; i < 10; i++) {
            sheet.append(SLOW_KPI.lines().skip(1).findFirst().orElseThrow().replace("SLOW,", "SLOW" + i + ","))
                    .append('\n');
        }
        byte[] csv = sheet.toString().getBytes(StandardCharsets.UTF_8);
        try (RuleHolder holder = RuleHolder.start(rules);
                ReviewService service = ReviewService.start(holder, dir, new ReviewService.Limits(1 << 20, 100, 2,
                        2), "127.0.0.1", 0)) {
            String answer = exchange(service.port(), "POST /api/evaluate?year=FY2018&format=csv HTTP/1.1\r\nHost:"
                    + " 127.0.0.1\r\nContent-Length: " + csv.length + "\r\nConnection: close\r\n\r\n"
                    + new String(csv, StandardCharsets.UTF_8));
            assertTrue(answer.startsWith("HTTP/1.1 503") && answer.contains("評価が 2 秒を超えたので止めました"),
                    answer);
            Thread.sleep(2_000);
            List<Thread.State> states = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("evaluation")).map(Thread::getState).toList();
            assertTrue(states.stream().allMatch(s -> s == Thread.State.WAITING), states.toString());
            assertEquals(0, service.evaluationsRunning());
            String health = exchange(service.port(), "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection:"
                    + " close\r\n\r\n");
            assertTrue(health.contains("\"evaluations\":0"), health);
        }
    }

    /** Two evaluations whose memory does not fit at once: the second is told to come back, the first finishes. */
    @Test
    @SystemTest
    void workThatDoesNotFitBesideTheWorkRunningIsToldToComeBack() throws Exception {
        Path rules = slowRules(6);
        byte[] csv = SLOW_KPI.getBytes(StandardCharsets.UTF_8);
        String request = "POST /api/evaluate?year=FY2018&format=csv HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                + csv.length + "\r\nConnection: close\r\n\r\n" + new String(csv, StandardCharsets.UTF_8);
        // room for one such evaluation and a half
        long heap = (long) (1.5 * WorkMemory.evaluating(1, 1, false) / WorkMemory.SHARE_OF_HEAP);
        try (RuleHolder holder = RuleHolder.start(rules);
                ReviewService service = ReviewService.start(holder, dir, new ReviewService.Limits(1 << 20, 100, 30,
                        2, heap), "127.0.0.1", 0)) {
            java.util.concurrent.CompletableFuture<String> first = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            return exchange(service.port(), request);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            // the first has read its sheet and holds its share of the memory for the rest of its 6 s
            long deadline = System.nanoTime() + SystemTest.PATIENCE.toNanos();
            while (service.memoryInUse() < WorkMemory.evaluating(1, 1, false) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            String second = exchange(service.port(), request);
            assertTrue(second.startsWith("HTTP/1.1 503") && second.contains("Retry-After: 10")
                    && second.contains("数秒後にもう一度試してください"), second);
            assertTrue(first.get().startsWith("HTTP/1.1 200"), first.get());
            assertTrue(exchange(service.port(), request).startsWith("HTTP/1.1 200"), "the memory was given back");
        }
    }

    /** A rule that takes 6 s for one KPI: longer than the 5 s the slow-connection guard gives a request. */
    @Test
    @SystemTest
    void anAnswerAfter100ContinueIsNotCutByTheSlowConnectionGuard() throws Exception {
        Path rules = slowRules(6);
        String csv = SLOW_KPI;
        try (RuleHolder holder = RuleHolder.start(rules); ReviewService service = start(holder, "127.0.0.1", null);
                Socket s = new Socket("127.0.0.1", service.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            byte[] body = csv.getBytes(StandardCharsets.UTF_8);
            out.write(("POST /api/evaluate?year=FY2018&format=csv HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type:"
                    + " text/csv\r\nContent-Length: " + body.length + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] interim = new byte[25];
            int n = s.getInputStream().read(interim);
            assertTrue(new String(interim, 0, n, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 100"));
            out.write(body);
            out.flush();
            long started = System.nanoTime();
            String answer = read(s.getInputStream());
            assertTrue(answer.contains("HTTP/1.1 200") && answer.contains("SLOW"), answer);
            assertTrue(System.nanoTime() - started > 5_500_000_000L, "the evaluation took its 6 s");
        }
    }
}
