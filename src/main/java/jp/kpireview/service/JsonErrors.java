package jp.kpireview.service;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself (a body over the limit while it is read, a bad request line, headers too large) in
 * the service's JSON, without stacks or server details.
 */
final class JsonErrors extends org.eclipse.jetty.server.handler.ErrorHandler {

    private final ReviewService.Limits limits;

    JsonErrors(ReviewService.Limits limits) {
        this.limits = limits;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String message = switch (status) {
            case 413 -> "依頼が " + (limits.maxBytes() >> 20) + " MB を超えています";
            case 431 -> "依頼のヘッダーが大きすぎます";
            case 408 -> "依頼が時間内に届きませんでした";
            default -> "この依頼には答えられません (" + status + ")";
        };
        Api.securityHeaders(response, Api.PAGE_POLICY);
        Api.error(response, callback, status, "request", message);
        return true;
    }
}
