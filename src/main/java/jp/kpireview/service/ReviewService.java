package jp.kpireview.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluation service, on Jetty's embedded server (core API, no servlet layer), chosen for what the JDK's
 * HttpServer lacks: read and idle timeouts, a minimum request data rate, a connection limit and request size limits
 * enforced while reading, on a bounded thread pool that slow clients cannot exhaust (Jetty reads without blocking a
 * thread until a request is whole).
 * <pre>
 * GET  /                            the page           GET /page.js, /changes.js   its scripts
 * GET  /health                      ok, and the rule set version
 * GET  /api/rules                   each policy (period) with its version, validation, and rejected edits
 * GET  /api/data                    the bundled data files        GET /api/years   fiscal years with their labels
 * POST /api/evaluate?year=&amp;format=  body: a CSV or .xlsx KPI sheet (or ?data=NAME); json, csv, xlsx or html;
 *                                   with kpi=ID&amp;actual=X, that KPI alone with a what-if actual for the year
 * POST /api/plan?year=               the actual each KPI needs that year for each band and ☆ (JSON)
 * and the governed changes of the rules ({@link ChangeRoutes}): /api/me, /api/history, /api/tables, /api/table,
 * /api/compare, /api/proposals, /api/publish, /api/restore.
 * </pre>
 * Routes match exactly; a wrong method is a 405; a route needs a role ({@link Users}) — the table and the checks are
 * {@link ServiceRoutes}'. Errors are JSON with the command line's located messages, never a stack trace (that goes to
 * the server log). A POST from another site's page is refused.
 */
public final class ReviewService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewService.class);

    /**
     * Limits per request and for the server.
     *
     * @param maxBytes       request body (a KPI sheet)
     * @param maxKpis        KPI rows in a sheet
     * @param maxSeconds     time budget of one evaluation (only the evaluation counts)
     * @param maxEvaluations evaluations at once; more get 503 with Retry-After
     * @param heapBytes      the heap whose share the work in progress may take together ({@link WorkMemory})
     * @param clientConnections connections one client address may have open at once ({@link ClientConnections})
     */
    public record Limits(int maxBytes, int maxKpis, long maxSeconds, int maxEvaluations, long heapBytes,
            int clientConnections) {
        public static final Limits DEFAULT = new Limits(10 << 20, 20_000, 30,
                Math.max(2, Runtime.getRuntime().availableProcessors()), Runtime.getRuntime().maxMemory(),
                CLIENT_CONNECTIONS);

        public Limits(int maxBytes, int maxKpis, long maxSeconds, int maxEvaluations, long heapBytes) {
            this(maxBytes, maxKpis, maxSeconds, maxEvaluations, heapBytes, DEFAULT.clientConnections());
        }

        public Limits(int maxBytes, int maxKpis, long maxSeconds, int maxEvaluations) {
            this(maxBytes, maxKpis, maxSeconds, maxEvaluations, DEFAULT.heapBytes());
        }

        public Limits(int maxBytes, int maxKpis, long maxSeconds) {
            this(maxBytes, maxKpis, maxSeconds, DEFAULT.maxEvaluations());
        }
    }

    /** What is read and dropped of a body over the limit before it is refused (Tomcat's maxSwallowSize is 2 MB). */
    static final int SWALLOWED_BYTES = 4 << 20;

    /** Idle time allowed on a connection, and the time a client has to send a whole request. */
    private static final long IDLE_MILLIS = 10_000;
    private static final long REQUEST_MILLIS = 5_000;
    /** Request headers, and the slowest a request body may arrive. */
    private static final int HEADER_BYTES = 16 * 1024;
    static final long MIN_BODY_BYTES_PER_SECOND = 8 * 1024;
    /**
     * Open connections: one client's at most, and all clients' together (past it the server stops accepting until
     * some close), kept below the file descriptors the process may open.
     */
    private static final int CLIENT_CONNECTIONS = 256;
    private static final int MAX_CONNECTIONS = 4_096;
    private static final int MAX_THREADS = 32;

    private final RuleHolder rules;
    private final BundledData data;
    private final Server server;
    private final ServerConnector connector;
    private final SlowConnections slow;
    private final ClientConnections clients;
    private final ExecutorService evaluations;
    private final EvaluateRoute evaluate;
    private final ChangeRoutes changes;
    private final Access access;

    private ReviewService(RuleHolder rules, Path data, Limits limits, String host, int port, Access access) {
        this.rules = rules;
        this.access = access;
        this.data = new BundledData(data);
        evaluations = Executors.newFixedThreadPool(limits.maxEvaluations(), r -> {
            Thread t = new Thread(r, "evaluation");
            t.setDaemon(true);
            return t;
        });
        evaluate = new EvaluateRoute(rules, this.data, limits, evaluations);
        changes = new ChangeRoutes(rules, this.data, limits);
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
        threads.setName("http");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setIdleTimeout(IDLE_MILLIS);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_MILLIS);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(maxConnections(), connector));
        clients = new ClientConnections(limits.clientConnections());
        connector.addBean(clients);
        slow = new SlowConnections(connector, REQUEST_MILLIS);
        // the routes refuse a body over maxBytes; the server stops reading past SWALLOWED_BYTES more, which a route
        // reads and drops so that the client, still sending, gets the 413 rather than a reset connection
        SizeLimitHandler size = new SizeLimitHandler((long) limits.maxBytes() + SWALLOWED_BYTES, -1);
        // a body that arrives slower than this fails at once rather than holding its request open
        size.setHandler(new org.eclipse.jetty.server.handler.MinimumDataRateHandler(new ServiceRoutes(rules, this.data,
                access, slow, evaluate, changes), MIN_BODY_BYTES_PER_SECOND, 0));
        server.setHandler(size);
        server.setErrorHandler(new JsonErrors(limits));
        server.setRequestLog((request, response) -> LOG.info("{} {} {} {} ms{}", request.getMethod(),
                request.getHttpURI().getPath(), response.getStatus(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - request.getBeginNanoTime()),
                request.getAttribute(EvaluateRoute.ROWS) == null ? "" : " " + request.getAttribute(EvaluateRoute.ROWS)
                        + " rows"));
    }

    /** {@link #MAX_CONNECTIONS}, or fewer when the process may open fewer than that many files and sockets. */
    private static int maxConnections() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            // the rest for the JVM's own files, the rule folder, the reports being written
            return (int) Math.max(64, Math.min(MAX_CONNECTIONS, unix.getMaxFileDescriptorCount() - 256));
        }
        return MAX_CONNECTIONS;
    }

    /** Starts serving on a loopback address, to this machine's users. */
    public static ReviewService start(RuleHolder rules, Path data, Limits limits, String host, int port)
            throws IOException {
        return start(rules, data, limits, host, port, Access.forBind(host, java.util.List.of(), null, null));
    }

    /**
     * Starts serving; {@code port} 0 takes a free port (see {@link #port()}). A port in use is an IOException.
     *
     * @param allowedHosts host names served besides the one bound to (and the loopback names on a loopback bind)
     * @param token        the token a request needs beyond loopback; null to make one (see {@link #token()})
     */
    public static ReviewService start(RuleHolder rules, Path data, Limits limits, String host, int port,
            java.util.List<String> allowedHosts, String token) throws IOException {
        return start(rules, data, limits, host, port, allowedHosts, token, null);
    }

    /**
     * As above, with the people the service knows ({@link UsersFile}, read again when it changes): each request then
     * needs a person's token, even on loopback, and may do what the person's role allows.
     */
    public static ReviewService start(RuleHolder rules, Path data, Limits limits, String host, int port,
            java.util.List<String> allowedHosts, String token, UsersFile users) throws IOException {
        return start(rules, data, limits, host, port, Access.forBind(host, allowedHosts, token, users));
    }

    private static ReviewService start(RuleHolder rules, Path data, Limits limits, String host, int port,
            Access access) throws IOException {
        int leftovers = BundledData.deleteLeftovers();
        if (leftovers > 0) {
            LOG.info("deleted {} temporary folders a stopped service left behind", leftovers);
        }
        ReviewService service = new ReviewService(rules, data, limits, host, port, access);
        try {
            service.server.start();
        } catch (IOException e) {
            service.close();
            throw e;
        } catch (Exception e) {
            service.close();
            throw new IOException(e.getMessage(), e);
        }
        return service;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The token every request needs; null when the service listens on a loopback address only. */
    public String token() {
        return access.token();
    }

    /** Connections open now from {@code client}. */
    int connectionsFrom(java.net.InetAddress client) {
        return clients.open(client);
    }

    /** The server's threads busy now (for the tests: a request waiting for its body holds none). */
    int threadsBusy() {
        return ((QueuedThreadPool) server.getThreadPool()).getBusyThreads();
    }

    /** Evaluations still running (none once every request has been answered and its work stopped). */
    public int evaluationsRunning() {
        return evaluate.busy();
    }

    /** The memory the work in progress holds now (for the tests: a running evaluation holds its share). */
    long memoryInUse() {
        return evaluate.memoryInUse();
    }

    @Override
    public void close() {
        slow.close();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the server: {}", e.getMessage());
        }
        evaluations.shutdownNow();
    }
}
