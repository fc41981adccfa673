package io.texium.scheduler.executions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Logger;

/** Removes old executions the cheap way: a whole hourly bucket at a time, its counts taken off first. */
@ApplicationScoped
public class ExecutionRetention {

    private static final Logger LOG = Logger.getLogger(ExecutionRetention.class.getName());

    @Inject
    ExecutionBuckets buckets;

    @Inject
    ExecutionCounts counts;

    /** Drops every bucket whose hour ended at or before {@code instant}; returns how many were dropped. */
    public int dropBucketsBefore(Instant instant) {
        int dropped = 0;
        for (ExecutionBucket bucket : buckets.stored()) {
            if (bucket.end().isAfter(instant)) {
                break;
            }
            counts.forget(bucket);
            buckets.drop(bucket);
            dropped++;
        }
        int n = dropped;
        LOG.info(() -> "dropped " + n + " execution bucket(s) before " + instant);
        return dropped;
    }
}
