package jp.kpireview.service;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most so many open connections per client address: a client that opens more has each further one closed as soon
 * as it is accepted, before it is read, so one client's flood of idle or slow connections (a thousand keep-alive
 * sockets, hundreds sending their headers a byte a second) never fills the server's connections for the others.
 * Jetty's {@code NetworkConnectionLimit} counts all clients together: a single client reaching it stopped the server
 * accepting anyone. Counted before the token is checked, so a client without the token is bounded too.
 */
final class ClientConnections implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnections.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final int perClient;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** The client of each open connection: a closed socket no longer tells its remote address. */
    private final Map<Connection, InetAddress> clientOf = new ConcurrentHashMap<>();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    ClientConnections(int perClient) {
        this.perClient = perClient;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress client = client(connection);
        if (client == null) {
            return;
        }
        clientOf.put(connection, client);
        int now = open.merge(client, 1, Integer::sum);
        if (now > perClient) {
            long last = lastLogged.get();
            if (System.nanoTime() - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, System.nanoTime())) {
                LOG.warn("closing connections from {}: it has {} open, the most one client may have", client,
                        perClient);
            }
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress client = clientOf.remove(connection);
        if (client != null) {
            open.computeIfPresent(client, (c, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Connections open now from {@code client}, for the tests. */
    int open(InetAddress client) {
        return open.getOrDefault(client, 0);
    }

    private static InetAddress client(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress address ? address.getAddress() : null;
    }
}
