package jp.kpireview.service;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Who the service answers, and as whom. Only the host names it is reached by are served (a page on another site that
 * rebinds its own name to this address is refused). With a users file, every request carries a person's token (its
 * role says what they may do, their name goes into the history); without one, a service that listens beyond this
 * machine needs one token made at start (or read from a file), as Jupyter does, and gives its holder every role;
 * on loopback with neither, the machine's users are trusted with every role. A token comes in the URL once, then in
 * an HttpOnly cookie, or as {@code Authorization: Bearer}.
 *
 * @param hosts the host names a request may name in its Host header, lower case
 * @param token the token every request needs; null on a loopback address, where the machine's users are trusted
 * @param users the people and their roles, read again when the file changes; null when there is no users file
 */
record Access(Set<String> hosts, String token, UsersFile users) {

    /** Who a request comes from when there is no users file: the token's holder, or this machine's user. */
    private static final Users.User TOKEN_HOLDER = new Users.User("合言葉の利用者", Users.Role.PUBLISHER);
    private static final Users.User THIS_MACHINE = new Users.User("このマシンの利用者 ("
            + System.getProperty("user.name") + ")", Users.Role.PUBLISHER);

    /** The cookie that carries the token after the first visit. */
    static final String COOKIE = "kpi-review-token";
    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1", "[::1]");

    /**
     * The access of a service bound to {@code host}: its own name and {@code allowed}; the loopback names too when
     * it listens on them; a token ({@code token}, or a new one) unless it listens on loopback only.
     */
    static Access forBind(String host, List<String> allowed, String token, UsersFile users)
            throws UnknownHostException {
        InetAddress address = InetAddress.getByName(host);
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(host.toLowerCase(Locale.ROOT));
        allowed.forEach(h -> hosts.add(h.strip().toLowerCase(Locale.ROOT)));
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            hosts.addAll(LOOPBACK);
        }
        if (address.isAnyLocalAddress()) {
            // every address of the machine: its own name is what others on the network type
            InetAddress local = InetAddress.getLocalHost();
            hosts.add(local.getHostName().toLowerCase(Locale.ROOT));
            hosts.add(local.getHostAddress());
        }
        if (users != null) {
            return new Access(Set.copyOf(hosts), null, users);
        }
        if (address.isLoopbackAddress()) {
            return new Access(Set.copyOf(hosts), null, null);
        }
        return new Access(Set.copyOf(hosts), token != null && !token.isBlank() ? token.strip() : Users.newToken(),
                null);
    }

    /** The host name a request names (its Host header without the port), lower case; empty when it names none. */
    static String hostOf(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null) {
            return "";
        }
        host = host.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    boolean hostAllowed(Request request) {
        return hosts.contains(hostOf(request));
    }

    /**
     * Who the request comes from, or null when it may not be served: no token is needed, or it carries a known one (in
     * the query as {@code ?token=}, in the cookie, or as {@code Authorization: Bearer}); a token given in the query is
     * set as the cookie, so the page's own requests carry it.
     */
    Users.User admit(Request request, Response response) {
        if (token == null && users == null) {
            return THIS_MACHINE;
        }
        String query = Api.query(request, "token");
        Users.User who = query == null ? null : holder(query);
        if (who != null) {
            // written by Jetty as a Set-Cookie header (the cookie's toString() is its debug text, which a browser
            // stored under a name of its own, so the page's requests never carried the token)
            Response.addCookie(response, HttpCookie.build(COOKIE, query.strip()).path("/").httpOnly(true)
                    .sameSite(HttpCookie.SameSite.STRICT).build());
            return who;
        }
        String bearer = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (bearer != null && bearer.startsWith("Bearer ") && (who = holder(bearer.substring(7))) != null) {
            return who;
        }
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (cookie.getName().equals(COOKIE) && (who = holder(cookie.getValue())) != null) {
                return who;
            }
        }
        return null;
    }

    /** The person a token belongs to, or null. */
    private Users.User holder(String offered) {
        if (users != null) {
            return users.current().find(offered);
        }
        // compared in constant time: how long the comparison takes says nothing of how much of a guess was right
        return MessageDigest.isEqual(offered.strip().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8)) ? TOKEN_HOLDER : null;
    }

    /**
     * A POST is taken from the service's own page or from a program (no Origin header); one that a browser sends
     * from another site's page names that site in Origin, or says cross-site in Sec-Fetch-Site.
     */
    static boolean sameOrigin(Request request) {
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null) {
            return true;
        }
        String host = request.getHeaders().get(HttpHeader.HOST);
        try {
            URI o = URI.create(origin);
            return host != null && (o.getHost() + (o.getPort() < 0 ? "" : ":" + o.getPort())).equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
