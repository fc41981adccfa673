package io.texium.scheduler.guard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers every answer carries, so that a browser neither guesses content types, nor frames our pages, nor
 * leaks our URLs in {@code Referer}. The API's answers are never stored by caches (they carry private data) and
 * may load nothing at all; other answers (the console's static files) may load only from this origin, and run no
 * inline script or style. The API documentation under {@code /docs} is the one exception: Swagger UI draws its icons
 * as {@code data:} SVG images, so its pages also allow images from {@code data:} (nothing else is loosened). Set by
 * {@link RequestGuard} for what reaches the application and by the authentication mechanism for what it refuses.
 */
public final class SecurityHeaders {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String PAGE_POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
            + "object-src 'none'";
    static final String DOCS_POLICY = PAGE_POLICY + "; img-src 'self' data:";

    private SecurityHeaders() {
    }

    public static void apply(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        if (isApi(request)) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Content-Security-Policy", API_POLICY);
        } else if (isDocs(request)) {
            response.setHeader("Content-Security-Policy", DOCS_POLICY);
        } else {
            response.setHeader("Content-Security-Policy", PAGE_POLICY);
        }
    }

    /** {@code /docs} (which the container redirects to {@code /docs/}) and the files under it. */
    static boolean isDocs(HttpServletRequest request) {
        String path = request.getServletPath();
        return path.equals("/docs") || path.startsWith("/docs/");
    }

    /** The servlet path is what the container routed on (decoded, normalised), as the authentication reads it. */
    static boolean isApi(HttpServletRequest request) {
        return request.getServletPath().startsWith("/api");
    }
}
