package io.texium.scheduler.cluster.control;

/**
 * The instances that hold timers changed (one joined with its timers armed, one left or stopped beating): the
 * timers are spread again over {@code owners}. Sent on the instance that noticed, from a background thread.
 */
public record MembersChanged(Owners owners) {
}
