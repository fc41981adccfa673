package io.texium.scheduler.guard;

import java.time.Duration;

/**
 * How many calls a bucket allows at once ({@code capacity}) and how fast it allows more: one every
 * {@code intervalNanos}.
 */
public record Limit(int capacity, long intervalNanos) {

    public Limit {
        if (capacity < 1 || intervalNanos < 1) {
            throw new IllegalArgumentException("a limit needs a capacity of at least 1 and a positive refill rate");
        }
    }

    /** {@code burst} at once, then {@code perSecond} a second. */
    public static Limit perSecond(int burst, double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("a rate must be positive: " + perSecond);
        }
        return new Limit(burst, Math.max(1, Math.round(1e9 / perSecond)));
    }

    /** {@code count} at once, and {@code count} again in every further {@code window}. */
    public static Limit perWindow(int count, Duration window) {
        return new Limit(count, Math.max(1, window.toNanos() / Math.max(1, count)));
    }

    /** The time an empty bucket takes to fill. */
    Duration window() {
        return Duration.ofNanos(intervalNanos * capacity);
    }
}
