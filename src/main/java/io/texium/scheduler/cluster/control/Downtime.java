package io.texium.scheduler.cluster.control;

import java.time.Instant;

/**
 * A time when no instance ran: from the last heartbeat any instance wrote before this one started, to this
 * instance's first heartbeat (both in the store's time).
 */
public record Downtime(Instant from, Instant until) {
}
