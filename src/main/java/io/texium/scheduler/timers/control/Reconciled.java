package io.texium.scheduler.timers.control;

import java.util.HashSet;
import java.util.List;

/**
 * What a reconcile of one instance's timers found and repaired: the drift before (counts, and the first
 * {@value #IDS} job ids of each kind), and how many of those timers it armed, re-armed and cancelled (a timer the
 * timer service refused stays in the drift, and is not counted). {@code answered} is false for another instance that
 * did not answer in time: its reconcile was asked for and happens when its change feed delivers the request.
 */
public record Reconciled(String instance, boolean answered, Found found, Repaired repaired, JobTimers.Drift foundJobIds) {

    /** How many job ids of each kind the answer names. */
    static final int IDS = 100;

    public record Found(int missing, int orphans, int stale) {
    }

    public record Repaired(int armed, int rearmed, int cancelled) {
    }

    /** The drift {@code found} by a reconcile and the drift {@code after} it: what changed is what was repaired. */
    static Reconciled of(String instance, JobTimers.Drift found, JobTimers.Drift after) {
        return new Reconciled(instance, true,
                new Found(found.missing().size(), found.orphans().size(), found.stale().size()),
                new Repaired(gone(found.missing(), after.missing()), gone(found.stale(), after.stale()),
                        gone(found.orphans(), after.orphans())),
                new JobTimers.Drift(first(found.missing()), first(found.orphans()), first(found.stale())));
    }

    /** Another instance asked that did not answer in time. */
    static Reconciled pending(String instance) {
        return new Reconciled(instance, false, null, null, null);
    }

    private static int gone(List<String> before, List<String> after) {
        var still = new HashSet<>(after);
        return (int) before.stream().filter(id -> !still.contains(id)).count();
    }

    private static List<String> first(List<String> ids) {
        return ids.size() <= IDS ? ids : List.copyOf(ids.subList(0, IDS));
    }
}
