package io.texium.scheduler.guard;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} fields of the IETF draft
 * "RateLimit header fields for HTTP" (draft-ietf-httpapi-ratelimit-headers, the three-field form most clients
 * read): the burst, the calls still allowed at once, and the seconds until the bucket is full again.
 */
final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    static Map<String, String> of(Decision decision) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("RateLimit-Limit", String.valueOf(decision.limit().capacity()));
        headers.put("RateLimit-Remaining", String.valueOf(decision.remaining()));
        headers.put("RateLimit-Reset", String.valueOf(decision.resetSeconds()));
        return headers;
    }
}
