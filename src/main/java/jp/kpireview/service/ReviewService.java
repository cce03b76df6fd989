package jp.kpireview.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.Callback;
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
 * Routes match exactly; a wrong method is a 405; a route needs a role ({@link Users}). Errors are JSON with the command line's located messages, never a
 * stack trace (that goes to the server log). A POST from another site's page is refused.
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
    private final byte[] page;
    private final byte[] script;
    private final byte[] changesScript;
    private final Access access;

    /** A route: its methods, the role a request needs, and what answers it. */
    private record Route(Set<String> methods, Users.Role role, Handler handler) {

        Route(Set<String> methods, Handler handler) {
            this(methods, Users.Role.VIEWER, handler);
        }
    }

    /** The request attribute that holds who sent the request ({@link Users.User}). */
    static final String USER = "kpi-review.user";

    @FunctionalInterface
    private interface Handler {
        void handle(Request request, Response response, Callback callback) throws Exception;
    }

    private ReviewService(RuleHolder rules, Path data, Limits limits, String host, int port, Access access) {
        this.rules = rules;
        this.access = access;
        this.data = new BundledData(data);
        page = resource("page.html");
        script = resource("page.js");
        changesScript = resource("changes.js");
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
        // the routes refuse a body over maxBytes; the server stops reading past SWALLOWED_BYTES more, which a route
        // reads and drops so that the client, still sending, gets the 413 rather than a reset connection
        SizeLimitHandler size = new SizeLimitHandler((long) limits.maxBytes() + SWALLOWED_BYTES, -1);
        // a body that arrives slower than this fails at once rather than holding its request open
        size.setHandler(new org.eclipse.jetty.server.handler.MinimumDataRateHandler(new Routes(),
                MIN_BODY_BYTES_PER_SECOND, 0));
        server.setHandler(size);
        server.setErrorHandler(new JsonErrors(limits));
        server.setRequestLog((request, response) -> LOG.info("{} {} {} {} ms{}", request.getMethod(),
                request.getHttpURI().getPath(), response.getStatus(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - request.getBeginNanoTime()),
                request.getAttribute(EvaluateRoute.ROWS) == null ? "" : " " + request.getAttribute(EvaluateRoute.ROWS)
                        + " rows"));
        slow = new SlowConnections(connector, REQUEST_MILLIS);
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
     * As above, with the people the service knows ({@link Users}): each request then needs a person's token, even on
     * loopback, and may do what the person's role allows.
     */
    public static ReviewService start(RuleHolder rules, Path data, Limits limits, String host, int port,
            java.util.List<String> allowedHosts, String token, Users users) throws IOException {
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

    /** Exact routes; the page and its script, the API. */
    private Map<String, Route> routes() {
        Set<String> get = Set.of("GET", "HEAD");
        Set<String> post = Set.of("POST");
        Map<String, Route> routes = new java.util.HashMap<>(Map.of(
                "/", new Route(Set.of("GET", "HEAD"), (q, r, c) -> Api.send(r, c, 200, "text/html; charset=utf-8",
                        page)),
                "/page.js", new Route(Set.of("GET", "HEAD"), (q, r, c) -> Api.send(r, c, 200,
                        "text/javascript; charset=utf-8", script)),
                "/health", new Route(Set.of("GET", "HEAD"), (q, r, c) -> Api.json(r, c, 200, json -> {
                    json.writeStringField("status", "ok");
                    json.writeStringField("rules", rules.current().hash());
                    json.writeNumberField("evaluations", evaluate.busy());
                })),
                "/api/rules", new Route(Set.of("GET", "HEAD"), (q, r, c) -> RulesJson.write(rules, r, c)),
                "/api/data", new Route(Set.of("GET", "HEAD"), (q, r, c) -> Api.json(r, c, 200, json -> {
                    json.writeArrayFieldStart("files");
                    for (String name : data.names()) {
                        json.writeString(name);
                    }
                    json.writeEndArray();
                })),
                "/api/years", new Route(Set.of("GET", "HEAD", "POST"), this::years),
                "/api/evaluate", new Route(Set.of("POST"), evaluate::handle),
                "/api/plan", new Route(Set.of("POST"), evaluate::plan),
                "/api/explain", new Route(Set.of("POST"), evaluate::explain)));
        routes.putAll(Map.of(
                "/changes.js", new Route(get, (q, r, c) -> Api.send(r, c, 200, "text/javascript; charset=utf-8",
                        changesScript)),
                "/api/me", new Route(get, (q, r, c) -> changes.me(q, r, c)),
                "/api/history", new Route(get, (q, r, c) -> changes.history(q, r, c)),
                "/api/tables", new Route(get, (q, r, c) -> changes.tables(q, r, c)),
                "/api/table", new Route(get, (q, r, c) -> changes.table(q, r, c)),
                "/api/compare", new Route(get, (q, r, c) -> changes.compare(q, r, c)),
                "/api/proposals", new Route(Set.of("GET", "HEAD", "POST"), Users.Role.EDITOR, (q, r, c) -> {
                    if (q.getMethod().equals("POST")) {
                        changes.propose(q, r, c);
                    } else {
                        changes.proposals(q, r, c);
                    }
                }),
                "/api/publish", new Route(post, Users.Role.PUBLISHER, (q, r, c) -> changes.publish(q, r, c)),
                "/api/restore", new Route(post, Users.Role.PUBLISHER, (q, r, c) -> changes.restore(q, r, c))));
        return Map.copyOf(routes);
    }

    /**
     * {@code GET /api/years[?data=NAME]}: the fiscal years the page offers, with their labels (FY2018 (H30)): those
     * the bundled file has actuals for, and the year after them to plan; without a file the strategies' periods so
     * far. {@code POST} with a sheet answers for that sheet ({@link EvaluateRoute#years}).
     */
    private void years(Request request, Response response, Callback callback) throws Exception {
        if (request.getMethod().equals("POST")) {
            evaluate.years(request, response, callback);
            return;
        }
        String name = Api.query(request, "data");
        if (name == null) {
            java.util.List<Integer> periods = java.util.stream.IntStream.rangeClosed(FIRST_YEAR, LAST_YEAR).boxed()
                    .toList();
            Api.json(response, callback, 200, Api.years(periods, periods));
            return;
        }
        Path file = data.resolve(name);
        if (file == null) {
            Api.error(response, callback, 404, "data", "同梱のデータ '" + name + "' はありません");
            return;
        }
        Api.json(response, callback, 200, Api.years(jp.kpireview.batch.YearSelection.ALL.resolve(
                jp.kpireview.io.KpiData.read(file))));
    }

    /** The fiscal years the page offers: the strategies' periods so far. */
    private static final int FIRST_YEAR = 2015;
    private static final int LAST_YEAR = 2030;

    private final class Routes extends org.eclipse.jetty.server.Handler.Abstract {

        private final Map<String, Route> routes = routes();

        @Override
        public boolean handle(Request request, Response response, Callback done) {
            Callback callback = slow.answering(request.getConnectionMetaData().getConnection(), done);
            Api.securityHeaders(response, Api.PAGE_POLICY);
            String path = request.getHttpURI().getPath();
            Route route = path == null ? null : routes.get(path);
            Users.User who;
            try {
                if (!access.hostAllowed(request)) {
                    // a page of another site whose name now points here (DNS rebinding) names its own host
                    Api.error(response, callback, 421, "host", "このサービスが答える名前は " + String.join("、",
                            access.hosts()) + " で、'" + Access.hostOf(request) + "' ではありません (名前を足すには"
                            + " --allowed-host NAME で起動します)");
                } else if ((who = access.admit(request, response)) == null) {
                    Api.error(response, callback, 401, "token", "このサービスには合言葉 (token) が要ります: "
                            + (access.users() == null ? "起動したときに表示されたアドレス (…/?token=…) を開くか、"
                            : "受け取った合言葉をつけたアドレス (…/?token=…) を開くか、")
                            + "Authorization: Bearer TOKEN を送ります");
                } else if (route == null) {
                    Api.error(response, callback, 404, "path", "そのページはありません: " + (path == null ? "" : path));
                } else if (!route.methods().contains(request.getMethod())) {
                    response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", route.methods()));
                    Api.error(response, callback, 405, "method", "ここでは " + request.getMethod() + " は使えません ("
                            + String.join(" か ", route.methods()) + " を使います)");
                } else if (request.getMethod().equals("POST") && !Access.sameOrigin(request)) {
                    Api.error(response, callback, 403, "origin", "ほかのサイトのページからの依頼は受けません");
                } else if (!who.role().allows(route.role())) {
                    Api.error(response, callback, 403, "role", "この操作には「" + route.role().label + "」の役割が"
                            + "要ります (" + who.name() + " さんの役割は「" + who.role().label + "」です)");
                } else {
                    request.setAttribute(USER, who);
                    route.handler().handle(request, response, callback);
                }
            } catch (jp.kpireview.history.HistoryException e) {
                Api.error(response, callback, 400, "version", e.getMessage());  // a version not in the history
            } catch (Throwable e) {
                Api.failed(request, response, callback, e);
            }
            return true;
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ReviewService.class.getResourceAsStream("/service/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /service/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
