package jp.kpireview.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Who the service answers. Only the host names it is reached by are served (a page on another site that rebinds its
 * own name to this address is refused); and when it listens beyond this machine, every request carries a token made
 * at start (or read from a file), as Jupyter does: in the URL the service prints once, then in an HttpOnly cookie.
 *
 * @param hosts the host names a request may name in its Host header, lower case
 * @param token the token every request needs; null on a loopback address, where the machine's users are trusted
 */
record Access(Set<String> hosts, String token) {

    /** The cookie that carries the token after the first visit. */
    static final String COOKIE = "kpi-review-token";
    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1", "[::1]");

    /**
     * The access of a service bound to {@code host}: its own name and {@code allowed}; the loopback names too when
     * it listens on them; a token ({@code token}, or a new one) unless it listens on loopback only.
     */
    static Access forBind(String host, List<String> allowed, String token) throws UnknownHostException {
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
        if (address.isLoopbackAddress()) {
            return new Access(Set.copyOf(hosts), null);
        }
        return new Access(Set.copyOf(hosts), token != null && !token.isBlank() ? token.strip() : newToken());
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
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
     * True when the request may be served: no token is needed, or it carries the token (in the query as
     * {@code ?token=}, in the cookie, or as {@code Authorization: Bearer}); a token given in the query is set as the
     * cookie, so the page's own requests carry it.
     */
    boolean admit(Request request, Response response) {
        if (token == null) {
            return true;
        }
        String query = Api.query(request, "token");
        if (query != null && same(query)) {
            // written by Jetty as a Set-Cookie header (the cookie's toString() is its debug text, which a browser
            // stored under a name of its own, so the page's requests never carried the token)
            Response.addCookie(response, HttpCookie.build(COOKIE, token).path("/").httpOnly(true)
                    .sameSite(HttpCookie.SameSite.STRICT).build());
            return true;
        }
        String bearer = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (bearer != null && bearer.startsWith("Bearer ") && same(bearer.substring(7).strip())) {
            return true;
        }
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (cookie.getName().equals(COOKIE) && same(cookie.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** Compared in constant time: how long the comparison takes says nothing of how much of a guess was right. */
    private boolean same(String offered) {
        return MessageDigest.isEqual(offered.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
}
