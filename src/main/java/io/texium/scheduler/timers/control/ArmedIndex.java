package io.texium.scheduler.timers.control;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The armed entries of {@link JobTimers} by job id, and apart from them the entries that hold a timer here, with
 * their count: the timers view counts and pages the held timers without walking every job's entry (at 100,000 jobs
 * that walk was most of the view's time). Writes are serialised here; reads take no lock.
 */
final class ArmedIndex {

    private final Map<String, JobTimers.Armed> all = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<String, JobTimers.Armed> held = new ConcurrentSkipListMap<>();
    /** {@code held}'s size, kept apart since a skip list only counts its entries by walking them. */
    private final AtomicInteger heldCount = new AtomicInteger();

    /** The job's entry, or null. */
    JobTimers.Armed get(String jobId) {
        return all.get(jobId);
    }

    /** Sets the job's entry, replacing the one it had. */
    synchronized void put(String jobId, JobTimers.Armed entry) {
        all.put(jobId, entry);
        if (entry.timer() != null) {
            if (held.put(jobId, entry) == null) {
                heldCount.incrementAndGet();
            }
        } else if (held.remove(jobId) != null) {
            heldCount.decrementAndGet();
        }
    }

    /** Removes the job's entry; answers the one it had, or null. */
    synchronized JobTimers.Armed remove(String jobId) {
        JobTimers.Armed previous = all.remove(jobId);
        if (held.remove(jobId) != null) {
            heldCount.decrementAndGet();
        }
        return previous;
    }

    /** Every entry by job id, in id order (read-only). */
    Map<String, JobTimers.Armed> entries() {
        return Collections.unmodifiableMap(all);
    }

    /** How many entries hold a timer here. */
    int heldCount() {
        return heldCount.get();
    }

    /** The ids of the jobs whose timer is held here, in id order. */
    List<String> heldIds() {
        return List.copyOf(held.keySet());
    }

    /** A page of those ids: walks only the entries skipped and shown. */
    List<String> heldIds(long skip, int limit) {
        return held.keySet().stream().skip(skip).limit(limit).toList();
    }
}
