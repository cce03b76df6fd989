package jp.kpireview.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jp.kpireview.io.TestWorkbooks;
import jp.kpireview.rules.KpiFixture;

/**
 * The service's load test (a benchmark, not a unit test; bounded in requests and time, loopback only). It starts
 * {@code bin/kpi-review serve} in its own JVM (as people run it: 512 MB heap) on a copy of the rules, and while C
 * clients each send R evaluations of the Otaru seed it holds S slow connections open (one byte every 0.5 s), probes
 * {@code /health} every 50 ms, interleaves hostile requests (a number with a huge exponent, a zip bomb, 10 MB of bad
 * rows) and writes a looping rule into the watched folder. It prints failed normal requests, latencies, the server's
 * resident memory during and after, and the evaluations still running at the end.
 * Run: {@code bin/load [C] [R] [S]} (default 16 100 50).
 */
public final class ServiceLoad {

    private static final Path SEED = Path.of("seeds/otaru-h30.csv");

    /** The connection floods: idle keep-alive connections of one client, slow-header ones of another. */
    private static final int FLOOD_IDLE = 1_000;
    private static final int FLOOD_SLOW = 700;

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int slowCount = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Path work = Files.createTempDirectory("kpi-review-load-");
        Path rules = KpiFixture.copyOfRules(work.resolve("rules"), drl -> drl);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process server = new ProcessBuilder("bin/kpi-review", "serve", "--port", String.valueOf(port), "--rules",
                rules.toString()).redirectOutput(work.resolve("server.out").toFile())
                .redirectError(work.resolve("server.log").toFile()).start();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong peakRss = new AtomicLong();
        ExecutorService background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + port;
        try {
            waitForHealth(client, base);
            byte[] seed = Files.readAllBytes(SEED);
            HttpRequest evaluate = HttpRequest.newBuilder(URI.create(base + "/api/evaluate?year=FY2018"))
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(seed)).build();
            // the mix the page and the batch users send: every format, a plan, the page and the rule list
            List<HttpRequest> mixed = new ArrayList<>();
            for (String query : List.of("evaluate?year=FY2018", "evaluate?format=html", "evaluate?format=xlsx&plan=FY2019",
                    "evaluate?format=csv", "plan?year=FY2019")) {
                mixed.add(HttpRequest.newBuilder(URI.create(base + "/api/" + query)).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(seed)).build());
            }
            mixed.add(HttpRequest.newBuilder(URI.create(base + "/")).timeout(Duration.ofSeconds(60)).build());
            mixed.add(HttpRequest.newBuilder(URI.create(base + "/api/rules")).timeout(Duration.ofSeconds(60)).build());
            for (int i = 0; i < 30; i++) {
                client.send(evaluate, HttpResponse.BodyHandlers.discarding());  // warm up
            }
            background.submit(() -> sampleRss(server.pid(), running, peakRss));
            AtomicInteger slowClosed = new AtomicInteger();
            ConcurrentLinkedQueue<Long> bodyCut = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < slowCount; i++) {
                background.submit(() -> dripping(port, running, slowClosed));
                background.submit(() -> slowBody(port, running, bodyCut));
            }
            ConcurrentLinkedQueue<Long> health = new ConcurrentLinkedQueue<>();
            background.submit(() -> probeHealth(client, base, running, health));
            ConcurrentLinkedQueue<String> hostile = new ConcurrentLinkedQueue<>();
            Future<?> attacks = background.submit(() -> attack(client, base, rules, work, hostile));
            // an officer proposing table changes beside the mix: each one a folder checked and the seed diffed
            ConcurrentLinkedQueue<Long> proposed = new ConcurrentLinkedQueue<>();
            AtomicInteger proposalsFailed = new AtomicInteger();
            AtomicBoolean mixing = new AtomicBoolean(true);
            Future<?> proposals = background.submit(() -> propose(client, base, rules, mixing, proposed,
                    proposalsFailed));

            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<List<Long>>> futures = new ArrayList<>();
            AtomicInteger failed = new AtomicInteger();
            AtomicInteger busy = new AtomicInteger();
            long started = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int first = c;
                futures.add(pool.submit(() -> {
                    List<Long> times = new ArrayList<>();
                    for (int r = 0; r < requests; r++) {
                        HttpRequest request = mixed.get((first + r) % mixed.size());
                        long t = System.nanoTime();
                        HttpResponse<Void> response = send(client, request);
                        while (response != null && response.statusCode() == 503) {  // busy: come back, as asked
                            busy.incrementAndGet();
                            Thread.sleep(100);
                            response = send(client, request);
                        }
                        if (response == null || response.statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                        times.add(System.nanoTime() - t);
                    }
                    return times;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                all.addAll(f.get());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            pool.shutdown();
            attacks.get();
            mixing.set(false);
            proposals.get();
            String flood = ConnectionFlood.run(port, FLOOD_IDLE, FLOOD_SLOW, 20);
            running.set(false);
            long duringPeak = peakRss.get();
            Thread.sleep(1000);
            String healthAfter = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Thread.sleep(60_000);  // left alone, the server's periodic collections give memory back
            long after = rss(server.pid());
            Collections.sort(all);
            List<Long> probes = new ArrayList<>(health);
            Collections.sort(probes);
            System.out.printf("%d clients × %d mixed requests on the seed (73 KPIs: json, html, xlsx with a plan, csv,"
                    + " plan, the page, the rules) with %d slow-header and %d slow-body clients, hostile requests and a"
                    + " looping rule edit; %d cores, the server's heap 512 MB%n", clients, requests, slowCount,
                    slowCount, Runtime.getRuntime().availableProcessors());
            System.out.printf("  normal requests: %d, failed %d, told busy and retried %d; %.1f requests/s; latency"
                    + " p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", all.size(), failed.get(), busy.get(),
                    all.size() / seconds, percentile(all, 50), percentile(all, 99), all.get(all.size() - 1) / 1e6);
            System.out.printf("  /health during the run: %d probes, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    probes.size(), percentile(probes, 50), percentile(probes, 99),
                    probes.isEmpty() ? 0 : probes.get(probes.size() - 1) / 1e6);
            List<Long> cuts = new ArrayList<>(bodyCut);
            Collections.sort(cuts);
            System.out.printf("  slow-header connections closed by the server: %d; slow bodies (2 bytes/s) cut: %d,"
                    + " after p50 %.1f s, max %.1f s%n", slowClosed.get(), cuts.size(), percentile(cuts, 50) / 1e3,
                    cuts.isEmpty() ? 0 : cuts.get(cuts.size() - 1) / 1e9);
            List<Long> proposalTimes = new ArrayList<>(proposed);
            Collections.sort(proposalTimes);
            System.out.printf("  proposals of 区分表 beside the mix: %d, failed %d; p50 %.1f s, max %.1f s%n",
                    proposalTimes.size(), proposalsFailed.get(), percentile(proposalTimes, 50) / 1e3,
                    proposalTimes.isEmpty() ? 0 : proposalTimes.get(proposalTimes.size() - 1) / 1e9);
            hostile.forEach(h -> System.out.println("  hostile: " + h));
            System.out.println("  flood: " + flood);
            System.out.printf("  server resident memory: peak %d MB during the run, %d MB 60 s after it%n",
                    duringPeak >> 20, after >> 20);
            System.out.printf("  after the run: %s%n", healthAfter);
        } finally {
            running.set(false);
            server.destroy();
            server.waitFor();
            background.shutdownNow();
        }
    }

    /**
     * Proposes 区分表 with ◎ from 90, 91, … one after another until the mix is done (told busy: again, as asked); a
     * proposal that is not answered 200 with its impact is a failure.
     */
    private static void propose(HttpClient client, String base, Path rules, AtomicBoolean running,
            ConcurrentLinkedQueue<Long> times, AtomicInteger failed) {
        try {
            String bands = Files.readString(rules.resolve("区分表.csv"));
            for (int i = 0; running.get(); i++) {
                byte[] table = bands.replace("◎,100,", "◎," + (90 + i % 10) + ",").getBytes(StandardCharsets.UTF_8);
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/proposals?file="
                        + URLEncoder.encode("区分表.csv", StandardCharsets.UTF_8) + "&reason=load+" + i))
                        .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofByteArray(table)).build();
                long t = System.nanoTime();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                while (response.statusCode() == 503) {
                    Thread.sleep(200);
                    response = client.send(request, HttpResponse.BodyHandlers.ofString());
                }
                times.add(System.nanoTime() - t);
                if (response.statusCode() != 200 || !response.body().contains("\"publishable\":true")) {
                    failed.incrementAndGet();
                    System.err.println("proposal " + i + ": " + response.statusCode() + " " + firstError(
                            response.body()));
                }
            }
        } catch (IOException | InterruptedException e) {
            failed.incrementAndGet();
            System.err.println("proposals: " + e);
        }
    }

    private static HttpResponse<Void> send(HttpClient client, HttpRequest request) throws InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            return null;
        }
    }

    /** Interleaved hostile requests, each answered with a located error, and a looping rule written and removed. */
    private static void attack(HttpClient client, String base, Path rules, Path work,
            ConcurrentLinkedQueue<String> report) {
        try {
            Path huge = TestWorkbooks.kpiSheet(work.resolve("huge.xlsx"), "<c r=\"L2\"><v>1E99999999</v></c>", "");
            Path bomb = TestWorkbooks.kpiSheet(work.resolve("bomb.xlsx"), "<c r=\"L2\"><v>5</v></c>",
                    "<!--" + " ".repeat(100 << 20) + "-->");
            StringBuilder bad = new StringBuilder(TestWorkbooks.HEADER).append('\n');
            long bytes = bad.length();
            for (int i = 0; bytes < (10 << 20) - 1024; i++) {
                String row = i + ",p,1,b,k,件,↗,FY2014,0,FY2019,x,1\n";
                bad.append(row);
                bytes += row.getBytes(StandardCharsets.UTF_8).length;
            }
            Path badRows = Files.writeString(work.resolve("bad.csv"), bad);
            for (int round = 0; round < 3; round++) {
                for (Path file : List.of(huge, bomb, badRows)) {
                    long t = System.nanoTime();
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/evaluate?year=FY2018"))
                            .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofFile(file)).build();
                    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                    while (r.statusCode() == 503 && r.body().contains("busy")) {  // come back, as asked
                        Thread.sleep(100);
                        t = System.nanoTime();
                        r = client.send(request, HttpResponse.BodyHandlers.ofString());
                    }
                    report.add(String.format("%s (%,d bytes): %d in %.0f ms, %s", file.getFileName(), Files.size(file),
                            r.statusCode(), (System.nanoTime() - t) / 1e6, firstError(r.body())));
                }
                Thread.sleep(500);
            }
            // the one-string workbooks that killed the service, each twice at once
            for (int chars : new int[] {63_900_000, 60_000_000}) {
                Path book = TestWorkbooks.withSharedString(work.resolve(chars + ".xlsx"), chars);
                report.add(String.format("a workbook of %,d bytes whose one shared string has %,d characters, twice at"
                        + " once: %s", Files.size(book), chars, concurrently(client, HttpRequest.newBuilder(
                                URI.create(base + "/api/evaluate?year=FY2018")).timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofFile(book)).build(), 2)));
            }
            // the largest sheet a request may send, 20,000 KPIs of five years, asked of at once
            Process generate = new ProcessBuilder("bin/kpi-review", "generate", "--municipalities", "1", "--kpis",
                    "20000", "--seed", "3", "--out", work.resolve("large").toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (generate.waitFor() != 0) {
                throw new IOException("bin/kpi-review generate failed (exit " + generate.exitValue() + ")");
            }
            Path large = work.resolve("large/m00001.csv");
            for (String query : List.of("evaluate?format=html", "plan?year=FY2019")) {
                for (int n : new int[] {2, 4}) {
                    report.add(String.format("%d × %s of 20,000 KPIs (%,d bytes) at once: %s", n, query,
                            Files.size(large), concurrently(client, HttpRequest.newBuilder(URI.create(base + "/api/"
                                    + query)).timeout(Duration.ofSeconds(90)).POST(HttpRequest.BodyPublishers
                                    .ofFile(large)).build(), n)));
                }
            }
            Path achievement = rules.resolve("achievement.drl");
            String good = Files.readString(achievement);
            long t = System.nanoTime();
            Files.writeString(achievement, good + "\nrule \"Loop\"\nwhen\n    $s : Score()\nthen\n    update($s);\nend\n");
            String info = "";
            while (!info.contains("が終わらずに動き続けます") && System.nanoTime() - t < 30_000_000_000L) {
                Thread.sleep(200);
                info = client.send(HttpRequest.newBuilder(URI.create(base + "/api/rules")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            }
            report.add(String.format("a looping rule written into the watched folder: %s in %.1f s, the last good"
                    + " rules answering", info.contains("が終わらずに動き続けます") ? "rejected" : "NOT rejected",
                    (System.nanoTime() - t) / 1e9));
            Files.writeString(achievement, good);
        } catch (IOException | InterruptedException e) {
            report.add("the attack failed: " + e);
        }
    }

    /**
     * Sends {@code n} copies of a request at once, each sent again while all evaluation slots are taken by the normal
     * clients (a memory refusal is kept); their statuses, time and first words.
     */
    private static String concurrently(HttpClient client, HttpRequest request, int n) throws InterruptedException {
        long t = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<String>> answers = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(n);
        for (int i = 0; i < n; i++) {
            answers.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                    for (int tries = 0; r.statusCode() == 503 && r.body().contains("busy:") && tries < 600; tries++) {
                        Thread.sleep(100);
                        r = client.send(request, HttpResponse.BodyHandlers.ofString());
                    }
                    return r.statusCode() == 200 ? "200" : r.statusCode() + " " + firstError(r.body());
                } catch (IOException | InterruptedException e) {
                    return "FAILED (" + e + ")";
                }
            }, senders));
        }
        senders.shutdown();
        List<String> statuses = new ArrayList<>();
        for (var answer : answers) {
            try {
                statuses.add(answer.get());
            } catch (java.util.concurrent.ExecutionException e) {
                statuses.add("FAILED (" + e.getCause() + ")");
            }
        }
        return String.join("; ", statuses) + String.format(" (%.1f s)", (System.nanoTime() - t) / 1e9);
    }

    private static String firstError(String body) {
        int at = body.indexOf("\"text\":\"");
        return at < 0 ? body.substring(0, Math.min(120, body.length()))
                : body.substring(at + 8, Math.min(body.indexOf('"', at + 8), at + 8 + 140));
    }

    /** A client that sends a request one byte every 0.5 s, reconnecting whenever the server closes it. */
    private static void dripping(int port, AtomicBoolean running, AtomicInteger closed) {
        while (running.get()) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                out.write("POST /api/evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                while (running.get()) {
                    out.write('X');
                    out.flush();
                    Thread.sleep(500);
                }
            } catch (IOException e) {
                closed.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A client that sends whole headers, then its body at 2 bytes a second; records how long until it is cut. */
    private static void slowBody(int port, AtomicBoolean running, ConcurrentLinkedQueue<Long> cut) {
        while (running.get()) {
            long started = System.nanoTime();
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                out.write(("POST /api/evaluate?year=FY2018 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\n"
                        + "Content-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                s.setSoTimeout(500);
                while (running.get()) {
                    out.write("ab".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    try {
                        if (s.getInputStream().read() < 0) {
                            break;
                        }
                        s.getInputStream().transferTo(OutputStream.nullOutputStream());  // the answer: read it whole
                        break;
                    } catch (java.net.SocketTimeoutException e) {
                        // nothing yet: the next two bytes a second from now
                        Thread.sleep(500);
                    }
                }
            } catch (IOException e) {
                // cut while writing
            } catch (InterruptedException e) {
                return;
            }
            if (running.get()) {
                cut.add(System.nanoTime() - started);
            }
        }
    }

    private static void probeHealth(HttpClient client, String base, AtomicBoolean running,
            ConcurrentLinkedQueue<Long> times) {
        HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(10))
                .build();
        while (running.get()) {
            long t = System.nanoTime();
            try {
                client.send(health, HttpResponse.BodyHandlers.discarding());
                times.add(System.nanoTime() - t);
                Thread.sleep(50);
            } catch (IOException e) {
                times.add(10_000_000_000L);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void sampleRss(long pid, AtomicBoolean running, AtomicLong peak) {
        while (running.get()) {
            peak.accumulateAndGet(rss(pid), Math::max);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The process's resident memory in bytes, from /proc. */
    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    private static void waitForHealth(HttpClient client, String base) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the server did not start");
    }

    static double percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }
}
