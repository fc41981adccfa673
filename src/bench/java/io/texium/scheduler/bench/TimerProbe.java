package io.texium.scheduler.bench;

import jakarta.json.JsonObject;
import java.time.Duration;

/**
 * How many job timers the scheduler holds, read the cheapest way the build offers: the {@code total} of
 * {@code /api/scheduler/timers?page_size=1} where that endpoint pages, else {@code /api/scheduler/health}.
 */
final class TimerProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    private final BenchClient admin;
    private final boolean paged;

    TimerProbe(BenchClient admin, boolean paged) {
        this.admin = admin;
        this.paged = paged;
    }

    /** Asks a server with few timers whether its timers endpoint pages (its answer then names {@code page_size}). */
    static boolean timersArePaged(BenchClient admin) {
        var reply = admin.get("api/scheduler/timers?page_size=1");
        return reply.ok() && reply.json().containsKey("page_size");
    }

    boolean paged() {
        return paged;
    }

    /** The number of live job timers; -1 when the scheduler does not say. */
    long count() {
        if (paged) {
            var reply = admin.get("api/scheduler/timers?page_size=1", TIMEOUT);
            return reply.ok() ? reply.json().getJsonNumber("total").longValue() : -1;
        }
        JsonObject data = health();
        return data == null ? -1 : data.getJsonNumber("timer_count").longValue();
    }

    /** Whether at least {@code expected} timers live and (where the health report says) no active job lacks one. */
    boolean allArmed(long expected) {
        if (paged) {
            return count() >= expected;
        }
        JsonObject data = health();
        return data != null && data.getJsonNumber("timer_count").longValue() >= expected
                && (!data.containsKey("jobs_without_timer") || data.getJsonArray("jobs_without_timer").isEmpty());
    }

    private JsonObject health() {
        var reply = admin.get("api/scheduler/health", TIMEOUT);
        if (reply.status() != 200 && reply.status() != 503) {
            return null;
        }
        JsonObject data = reply.json().getJsonObject("data");
        return data != null && data.containsKey("timer_count") ? data : null;
    }
}
