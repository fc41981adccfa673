package io.texium.scheduler.guard;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket for one key. It is kept as the moment it will be full again (the "theoretical arrival time" of
 * GCRA, which allows exactly what a token bucket allows): one long, no floating point, and a bucket full at
 * {@code now} is the same as a new one, so an idle key can be forgotten.
 */
final class TokenBucket {

    private final Limit limit;
    private long fullAt;

    TokenBucket(Limit limit, Instant now) {
        this.limit = limit;
        this.fullAt = nanos(now);
    }

    /** Takes a token if one is there; a refused call changes nothing. */
    synchronized Decision take(Instant now) {
        long at = nanos(now);
        long after = Math.max(fullAt, at) + limit.intervalNanos();
        long tolerance = limit.window().toNanos();
        if (after - at > tolerance) {
            return new Decision(false, limit, 0, Duration.ofNanos(after - at - tolerance), Duration.ofNanos(fullAt - at));
        }
        fullAt = after;
        long remaining = (tolerance - (after - at)) / limit.intervalNanos();
        return new Decision(true, limit, remaining, Duration.ZERO, Duration.ofNanos(after - at));
    }

    /** Returns a token taken by {@link #take}: the call it stood for did not count after all. */
    synchronized void giveBack(Instant now) {
        fullAt = Math.max(nanos(now), fullAt - limit.intervalNanos());
    }

    synchronized boolean fullAt(Instant now) {
        return fullAt <= nanos(now);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
