package io.texium.scheduler.guard;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;

/**
 * Every request that reaches the application passes here first, in this order: the security headers; for a
 * signed-in API call, the caller's rate limit ({@code RateLimit-*} headers, 429 when spent: every API call
 * counts, run-now included); then the body limits (415, 413). Authentication has already run (the container
 * calls the authentication mechanism before any filter), so an unauthenticated API call never gets here.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestGuard extends HttpFilter {

    @Inject
    ApiRateLimit rateLimit;

    @Inject
    BodyLimit bodies;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        SecurityHeaders.apply(request, response);
        HttpServletRequest admitted;
        try {
            countCall(request, response);
            admitted = bodies.admit(request);
        } catch (Refusal refusal) {
            refusal.send(response);
            return;
        }
        chain.doFilter(admitted, response);
    }

    private void countCall(HttpServletRequest request, HttpServletResponse response) throws Refusal {
        Principal caller = request.getUserPrincipal();
        if (caller == null || !SecurityHeaders.isApi(request)) {
            return;
        }
        Optional<Decision> decision = rateLimit.take(caller.getName());
        if (decision.isEmpty()) {
            return;
        }
        RateLimitHeaders.of(decision.get()).forEach(response::setHeader);
        if (!decision.get().allowed()) {
            Limit limit = decision.get().limit();
            throw Refusal.tooManyRequests("Too many requests: this caller may make %d at once and one more every %d ms; try again in %d s."
                    .formatted(limit.capacity(), limit.intervalNanos() / 1_000_000, decision.get().retryAfterSeconds()),
                    decision.get());
        }
    }
}
