package io.texium.scheduler.guard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers every answer carries, so that a browser neither guesses content types, nor frames our pages, nor
 * leaks our URLs in {@code Referer}. The API's answers are never stored by caches (they carry private data) and
 * may load nothing at all; other answers (static files) may load only from this origin. Set by
 * {@link RequestGuard} for what reaches the application and by the authentication mechanism for what it refuses.
 */
public final class SecurityHeaders {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String PAGE_POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
            + "object-src 'none'";

    private SecurityHeaders() {
    }

    public static void apply(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        if (isApi(request)) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Content-Security-Policy", API_POLICY);
        } else {
            response.setHeader("Content-Security-Policy", PAGE_POLICY);
        }
    }

    /** The servlet path is what the container routed on (decoded, normalised), as the authentication reads it. */
    static boolean isApi(HttpServletRequest request) {
        return request.getServletPath().startsWith("/api");
    }
}
