package jp.kpireview.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connection floods of bin/load: one client holds {@code idle} keep-alive connections open (each asked for
 * /health once, then sends nothing), another {@code slow} connections that send their headers a byte a second, each
 * connecting again a second after the server closes it (a client that keeps its connections up; a storm of new
 * connections is the firewall's to stop, not the service's); meanwhile a third client asks for /health on a new connection every
 * 20 ms, and its latency is what the figures report. The flooding clients come from other loopback addresses
 * (127.0.0.2, 127.0.0.3), as other machines would, so that a limit per client can tell them apart.
 */
final class ConnectionFlood {

    private static final byte[] HEALTH = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final int port;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();

    private ConnectionFlood(int port) {
        this.port = port;
    }

    /** Floods the service on {@code port} for {@code seconds}; the figures, one line. */
    static String run(int port, int idle, int slow, int seconds) throws InterruptedException {
        return new ConnectionFlood(port).flood(idle, slow, seconds);
    }

    private String flood(int idle, int slow, int seconds) throws InterruptedException {
        ConcurrentLinkedQueue<Long> probes = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        int peakOpen = 0;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < idle; i++) {
                clients.submit(() -> hold("127.0.0.2", true));
            }
            for (int i = 0; i < slow; i++) {
                clients.submit(() -> hold("127.0.0.3", false));
            }
            Thread.sleep(3_000);  // the floods in place before the first probe
            clients.submit(() -> probe(probes, failed));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                peakOpen = Math.max(peakOpen, open.get());
                Thread.sleep(100);
            }
            running.set(false);
            clients.shutdownNow();
        }
        List<Long> sorted = new ArrayList<>(probes);
        Collections.sort(sorted);
        return String.format("%d idle keep-alive and %d slow-header connections from two other clients: /health from a"
                + " fresh client %d probes, p50 %.1f ms, p99 %.1f ms, max %.1f ms, failed %d; flood connections open at"
                + " most %d, closed by the server %d, refused %d", idle, slow, sorted.size(),
                ServiceLoad.percentile(sorted, 50), ServiceLoad.percentile(sorted, 99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6, failed.get(), peakOpen, closedByServer.get(), refused.get());
    }

    /** One flooding connection, opened again a second after the server closes it. */
    private void hold(String from, boolean idle) {
        while (running.get()) {
            try (Socket s = new Socket()) {
                s.bind(new InetSocketAddress(from, 0));
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                open.incrementAndGet();
                try {
                    keep(s, idle);
                } catch (IOException e) {
                    // closed by the server while sending
                } finally {
                    open.decrementAndGet();
                    if (running.get()) {
                        closedByServer.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                refused.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Keeps {@code s} open: idle after one request, or sending its headers a byte a second. */
    private void keep(Socket s, boolean idle) throws IOException, InterruptedException {
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        if (idle) {
            out.write(HEALTH);
            out.flush();
            byte[] buffer = new byte[4096];
            while (running.get() && in.read(buffer) >= 0) {
                // the answer, then nothing until the server closes the connection
            }
        } else {
            out.write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            while (running.get()) {
                out.write('X');
                out.flush();
                Thread.sleep(1_000);
            }
        }
    }

    /** /health on a new connection every 20 ms; a probe that takes over 5 s, or fails, is counted as failed. */
    private void probe(ConcurrentLinkedQueue<Long> times, AtomicInteger failed) {
        byte[] request = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        while (running.get()) {
            long t = System.nanoTime();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                s.setSoTimeout(5_000);
                s.getOutputStream().write(request);
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                if (answer.startsWith("HTTP/1.1 200")) {
                    times.add(System.nanoTime() - t);
                } else {
                    failed.incrementAndGet();
                }
            } catch (IOException e) {
                failed.incrementAndGet();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
