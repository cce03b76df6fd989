package jp.kpireview.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections that take too long to send a request: a client that sends its headers one byte a second keeps
 * the idle timeout from ever running out, so each connection that has answered every request it sent gets a fixed
 * time to send the next one whole. Slow clients then cost a socket for a few seconds, never a thread or the
 * service's attention.
 */
final class SlowConnections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlowConnections.class);

    /** Since when a connection has been waiting for (or receiving) its next request, by connection. */
    private record Waiting(long messagesOut, long since) {
    }

    private final ServerConnector connector;
    private final long limitNanos;
    private final Map<Connection, Waiting> waiting = new ConcurrentHashMap<>();
    /**
     * Connections with a request being answered, counted by the service's own handler: a connection's message
     * counters take an interim {@code 100 Continue} for the answer, and would close it while the evaluation runs.
     */
    private final Map<Connection, Integer> answering = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slow-connections");
        t.setDaemon(true);
        return t;
    });

    SlowConnections(ServerConnector connector, long limitMillis) {
        this.connector = connector;
        this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limitMillis);
        timer.scheduleWithFixedDelay(this::sweep, 250, 250, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            Map<Connection, Waiting> seen = new ConcurrentHashMap<>();
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                Connection c = endPoint.getConnection();
                if (c == null) {
                    continue;
                }
                boolean answering = this.answering.containsKey(c) || c.getMessagesIn() > c.getMessagesOut();
                Waiting before = waiting.get(c);
                Waiting now1 = before == null || before.messagesOut() != c.getMessagesOut() || answering
                        ? new Waiting(c.getMessagesOut(), now) : before;
                if (!answering && now - now1.since() > limitNanos) {
                    LOG.info("closing a connection from {}: no whole request in {} ms", endPoint.getRemoteSocketAddress(),
                            TimeUnit.NANOSECONDS.toMillis(limitNanos));
                    endPoint.close();
                    continue;
                }
                seen.put(c, now1);
            }
            waiting.keySet().retainAll(seen.keySet());
            waiting.putAll(seen);
        } catch (RuntimeException e) {
            LOG.warn("sweeping slow connections failed", e);
        }
    }

    /** {@code callback}, counting its connection as answering a request until it completes, however it completes. */
    org.eclipse.jetty.util.Callback answering(Connection connection, org.eclipse.jetty.util.Callback callback) {
        if (connection == null) {
            return callback;
        }
        answering.merge(connection, 1, Integer::sum);
        return org.eclipse.jetty.util.Callback.from(() -> answering.computeIfPresent(connection,
                (c, n) -> n > 1 ? n - 1 : null), callback);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
