package io.texium.scheduler.platform;

import java.time.Instant;

/**
 * The date-times a client may send: the years 1970 to 9999 (UTC), the years a schedule can fire in. Far beyond
 * them {@code java.util.Date}, which MongoDB queries take, overflows, and the hourly execution buckets have no name.
 */
public final class InstantRange {

    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");
    /** Why an instant outside the range is refused. */
    public static final String PROBLEM = "must lie in the years 1970 to 9999 (UTC)";

    private InstantRange() {
    }

    public static boolean contains(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(END);
    }
}
