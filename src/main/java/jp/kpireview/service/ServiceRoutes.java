package jp.kpireview.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The service's routes: which path answers what, with which methods, for which role ({@link Users}), and the checks
 * every request passes first in this order — the host it names (DNS rebinding), its token, the path, the method, a
 * POST from this service's own page, the role. Routes match exactly; what goes wrong is a located JSON error, never a
 * stack trace ({@link Api#failed}). {@link ReviewService} sets up the server around it.
 */
final class ServiceRoutes extends Handler.Abstract {

    /** A route: its methods, the role a request needs, and what answers it. */
    private record Route(Set<String> methods, Users.Role role, Answer handler) {

        Route(Set<String> methods, Answer handler) {
            this(methods, Users.Role.VIEWER, handler);
        }
    }

    /** The request attribute that holds who sent the request ({@link Users.User}). */
    static final String USER = "kpi-review.user";

    /** What answers a route's requests. */
    @FunctionalInterface
    private interface Answer {
        void handle(Request request, Response response, Callback callback) throws Exception;
    }

    private final RuleHolder rules;
    private final BundledData data;
    private final Access access;
    private final SlowConnections slow;
    private final EvaluateRoute evaluate;
    private final ChangeRoutes changes;
    private final byte[] page = resource("page.html");
    private final byte[] script = resource("page.js");
    private final byte[] changesScript = resource("changes.js");
    private final Map<String, Route> routes;

    ServiceRoutes(RuleHolder rules, BundledData data, Access access, SlowConnections slow, EvaluateRoute evaluate,
            ChangeRoutes changes) {
        this.rules = rules;
        this.data = data;
        this.access = access;
        this.slow = slow;
        this.evaluate = evaluate;
        this.changes = changes;
        this.routes = table();
    }

    /** Exact routes; the page and its script, the API. */
    private Map<String, Route> table() {
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

    private static byte[] resource(String name) {
        try (InputStream in = ServiceRoutes.class.getResourceAsStream("/service/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /service/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
