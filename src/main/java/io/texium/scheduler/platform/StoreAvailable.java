package io.texium.scheduler.platform;

/**
 * The store answers again: sent once when it first answers after start-up ({@code firstTime}) and after every
 * outage, on the store watch's thread. Observers prepare what needs the store (timers, the first admin, the
 * instance registry); each must be idempotent.
 */
public record StoreAvailable(boolean firstTime) {
}
