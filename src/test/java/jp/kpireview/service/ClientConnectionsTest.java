package jp.kpireview.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.kpireview.rules.KpiFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One client's connections are bounded, and counted down as they close, whoever closes them. */
class ClientConnectionsTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    @Test
    void aClientPastItsConnectionsIsClosedAndTheCountComesBackDown() throws Exception {
        try (RuleHolder holder = RuleHolder.start(KpiFixture.copyOfRules(dir.resolve("rules"), t -> t));
                ReviewService service = ReviewService.start(holder, dir, new ReviewService.Limits(1 << 20, 100, 30,
                        2, Runtime.getRuntime().maxMemory(), 8), "127.0.0.1", 0)) {
            // forty requests one after the other, each on its own connection, closed by the server or the client
            for (int i = 0; i < 40; i++) {
                assertTrue(health(service.port(), i % 2 == 0).startsWith("HTTP/1.1 200"));
            }
            awaitOpen(service, 0);
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    idle.add(new Socket("127.0.0.1", service.port()));
                }
                awaitOpen(service, 8);
                try (Socket ninth = new Socket("127.0.0.1", service.port())) {
                    ninth.setSoTimeout(5_000);
                    assertEquals(-1, ninth.getInputStream().read(), "the ninth connection is closed unread");
                }
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
            awaitOpen(service, 0);
            assertTrue(health(service.port(), false).startsWith("HTTP/1.1 200"), "the client is served again");
        }
    }

    private static String health(int port, boolean clientCloses) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + (clientCloses ? "" : "Connection: close\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] answer = new byte[512];
            int n = s.getInputStream().read(answer);
            return new String(answer, 0, Math.max(n, 0), StandardCharsets.US_ASCII);
        }
    }

    private static void awaitOpen(ReviewService service, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (service.connectionsFrom(LOOPBACK) != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, service.connectionsFrom(LOOPBACK));
    }
}
