package io.texium.scheduler.guard;

import java.time.Duration;

/**
 * The answer of a bucket to one call: allowed or not, how many calls it still allows at once, how long until the
 * next one is allowed ({@code retryAfter}, zero when allowed) and until the bucket is full again ({@code reset}).
 */
public record Decision(boolean allowed, Limit limit, long remaining, Duration retryAfter, Duration reset) {

    /** For {@code Retry-After}: whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, ceilSeconds(retryAfter));
    }

    /** For {@code RateLimit-Reset}: whole seconds, rounded up. */
    public long resetSeconds() {
        return ceilSeconds(reset);
    }

    private static long ceilSeconds(Duration duration) {
        long nanos = Math.max(0, duration.toNanos());
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
