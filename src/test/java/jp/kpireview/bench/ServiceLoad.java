package jp.kpireview.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.kpireview.service.ReviewService;
import jp.kpireview.service.RuleHolder;

/**
 * A bounded load test of the service (not a unit test): C clients each send R evaluations of the Otaru seed
 * (73 KPIs, FY2018, JSON) to a server on a loopback port; prints throughput and latency percentiles.
 * Run: {@code java -cp target/classes:target/test-classes:target/lib/* jp.kpireview.bench.ServiceLoad [C] [R]}.
 */
public final class ServiceLoad {

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        byte[] seed = Files.readAllBytes(Path.of("seeds/otaru-h30.csv"));
        try (RuleHolder rules = RuleHolder.start(Path.of("rules"));
                ReviewService service = ReviewService.start(rules, Path.of("seeds"), ReviewService.Limits.DEFAULT,
                        "127.0.0.1", 0)) {
            URI uri = URI.create("http://127.0.0.1:" + service.port() + "/api/evaluate?year=FY2018");
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(seed)).build();
            for (int i = 0; i < 50; i++) {
                client.send(request, HttpResponse.BodyHandlers.discarding());  // warm up
            }
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<List<Long>>> futures = new ArrayList<>();
            long started = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    List<Long> times = new ArrayList<>();
                    for (int r = 0; r < requests; r++) {
                        long t = System.nanoTime();
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("status " + response.statusCode());
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
            Collections.sort(all);
            System.out.printf("%d clients × %d requests (seed, 73 KPIs, FY2018, JSON): %.1f requests/s "
                    + "(%.0f KPIs/s); latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d cores%n", clients, requests,
                    all.size() / seconds, all.size() * 73 / seconds, percentile(all, 50), percentile(all, 99),
                    all.get(all.size() - 1) / 1e6, Runtime.getRuntime().availableProcessors());
        }
    }

    private static double percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }
}
