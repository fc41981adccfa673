package io.texium.scheduler.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.platform.Fakes;
import io.texium.scheduler.platform.SettableClock;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestGuardTest {

    final SettableClock clock = new SettableClock(Instant.parse("2026-11-29T12:00:00Z"));
    final RequestGuard cut = new RequestGuard();

    /** What the fake response was told. */
    final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final StringWriter body = new StringWriter();
    int status = 200;
    int passedOn;

    @BeforeEach
    void wire() {
        var limit = new ApiRateLimit();
        limit.perSecond = 2;
        limit.burst = 3;
        limit.clock = clock;
        limit.configure();
        cut.rateLimit = limit;
        cut.bodies = new BodyLimit();
        cut.bodies.maxBytes = 1024;
    }

    HttpServletRequest request(String servletPath, String caller) {
        Principal principal = caller == null ? null : () -> caller;
        Map<String, java.util.function.Function<Object[], Object>> methods = new HashMap<>();
        methods.put("getServletPath", args -> servletPath);
        methods.put("getUserPrincipal", args -> principal);
        methods.put("getContentLengthLong", args -> 0L);
        methods.put("getHeader", args -> null);
        return Fakes.of(HttpServletRequest.class, methods);
    }

    HttpServletResponse response() {
        Map<String, java.util.function.Function<Object[], Object>> methods = new HashMap<>();
        methods.put("setHeader", args -> headers.put((String) args[0], (String) args[1]));
        methods.put("setStatus", args -> status = (int) args[0]);
        methods.put("setContentType", args -> headers.put("Content-Type", (String) args[0]));
        methods.put("setCharacterEncoding", args -> null);
        methods.put("getWriter", args -> new PrintWriter(body, true));
        return Fakes.of(HttpServletResponse.class, methods);
    }

    void call(String servletPath, String caller) throws Exception {
        headers.clear();
        status = 200;
        cut.doFilter(request(servletPath, caller), response(), (req, res) -> passedOn++);
    }

    @Test
    void an_api_answer_carries_the_security_headers_and_is_not_stored() throws Exception {
        call("/api", "alice");
        assertThat(headers).containsEntry("X-Content-Type-Options", "nosniff").containsEntry("Cache-Control", "no-store")
                .containsEntry("Referrer-Policy", "no-referrer").containsEntry("X-Frame-Options", "DENY")
                .containsEntry("Content-Security-Policy", SecurityHeaders.API_POLICY);
    }

    @Test
    void a_page_gets_a_strict_content_security_policy_and_may_be_cached() throws Exception {
        call("/index.html", null);
        assertThat(headers).containsEntry("Content-Security-Policy", SecurityHeaders.PAGE_POLICY)
                .containsEntry("X-Frame-Options", "DENY").containsEntry("X-Content-Type-Options", "nosniff")
                .doesNotContainKey("Cache-Control").doesNotContainKey("RateLimit-Limit");
        assertThat(SecurityHeaders.PAGE_POLICY).contains("default-src 'self'").contains("frame-ancestors 'none'");
    }

    @Test
    void only_the_api_docs_may_show_data_images_and_nothing_allows_inline_script_or_eval() throws Exception {
        for (String path : new String[] {"/docs", "/docs/", "/docs/docs.js"}) {
            call(path, null);
            assertThat(headers).as(path).containsEntry("Content-Security-Policy", SecurityHeaders.DOCS_POLICY)
                    .containsEntry("X-Frame-Options", "DENY").containsEntry("X-Content-Type-Options", "nosniff")
                    .containsEntry("Referrer-Policy", "no-referrer");
        }
        call("/docsearch.html", null);
        assertThat(headers).containsEntry("Content-Security-Policy", SecurityHeaders.PAGE_POLICY);
        assertThat(SecurityHeaders.DOCS_POLICY).startsWith(SecurityHeaders.PAGE_POLICY).endsWith("; img-src 'self' data:");
        for (String policy : new String[] {SecurityHeaders.PAGE_POLICY, SecurityHeaders.DOCS_POLICY, SecurityHeaders.API_POLICY}) {
            assertThat(policy).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").contains("frame-ancestors 'none'");
        }
    }

    @Test
    void api_calls_carry_the_rate_limit_and_a_burst_past_it_is_429_until_the_window_passes() throws Exception {
        call("/api", "alice");
        assertThat(headers).containsEntry("RateLimit-Limit", "3").containsEntry("RateLimit-Remaining", "2")
                .containsEntry("RateLimit-Reset", "1");
        call("/api", "alice");
        call("/api", "alice");
        assertThat(headers).containsEntry("RateLimit-Remaining", "0").containsEntry("RateLimit-Reset", "2");
        assertThat(passedOn).isEqualTo(3);

        call("/api", "alice");
        assertThat(status).isEqualTo(429);
        assertThat(passedOn).as("a refused call reaches no resource").isEqualTo(3);
        assertThat(headers).containsEntry("Retry-After", "1").containsEntry("Content-Type", "application/problem+json")
                .containsEntry("RateLimit-Remaining", "0").containsEntry("Cache-Control", "no-store");
        assertThat(body.toString()).contains("\"status\":429").contains("Too Many Requests");

        call("/api", "bob");
        assertThat(status).as("another caller").isEqualTo(200);

        clock.advance(Duration.ofMillis(1500));
        call("/api", "alice");
        assertThat(status).isEqualTo(200);
        assertThat(headers).containsEntry("RateLimit-Remaining", "2");
    }

    @Test
    void a_switched_off_limit_counts_nothing() throws Exception {
        cut.rateLimit.perSecond = 0;
        cut.rateLimit.configure();
        for (int i = 0; i < 10; i++) {
            call("/api", "alice");
        }
        assertThat(passedOn).isEqualTo(10);
        assertThat(headers).doesNotContainKey("RateLimit-Limit");
    }
}
