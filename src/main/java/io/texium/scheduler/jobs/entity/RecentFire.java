package io.texium.scheduler.jobs.entity;

import java.time.Instant;

/**
 * A fire of a job's schedule that ran and ended, as the job document keeps the last few ({@code recent_fires}): which
 * execution, when it was due, when it started (null when it never did, e.g. cancelled before its start) and how it
 * ended. The timers view reads a timer's last fire and its recent lag from them with the job, at no extra query.
 */
public record RecentFire(String executionId, Instant scheduledTime, Instant startedAt, String status) {

    /** How late the fire started ({@code started_at - scheduled_time}, never negative), or null when it did not start. */
    public Long lagMillis() {
        if (startedAt == null || scheduledTime == null) {
            return null;
        }
        return Math.max(0, startedAt.toEpochMilli() - scheduledTime.toEpochMilli());
    }
}
