package io.texium.scheduler.platform;

/**
 * The store answers again: sent once when it first answers after start-up ({@code firstTime}) and after every
 * outage, on the store watch's thread. Observers prepare what needs the store, each idempotent, in {@code @Priority}
 * order: the schema upgrade (10), the indexes (20), the execution counts (50), the instance registry (100), the
 * take-over (150), the job index (250), the timers (300), the first admin (400), the change feed. An observer that
 * throws stops the rest, {@link StoreNotReady} on purpose: the watch sends {@code firstTime} again until all of them
 * ran once.
 */
public record StoreAvailable(boolean firstTime) {
}
