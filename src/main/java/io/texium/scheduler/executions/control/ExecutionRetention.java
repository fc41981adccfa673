package io.texium.scheduler.executions.control;

import io.texium.scheduler.platform.Housekeeping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Removes old executions the cheap way: a whole hourly bucket at a time, its counts taken off first. Once a day
 * (on one instance) it drops the buckets older than {@code texium.retention.executions-days}; 0 keeps them all.
 */
@ApplicationScoped
public class ExecutionRetention {

    private static final Logger LOG = Logger.getLogger(ExecutionRetention.class.getName());

    @Inject
    @ConfigProperty(name = "texium.retention.executions-days", defaultValue = "30")
    int days;

    @Inject
    ExecutionBuckets buckets;

    @Inject
    ExecutionCounts counts;

    void onDaily(@Observes Housekeeping.Daily daily) {
        if (days <= 0) {
            return;
        }
        try {
            dropBucketsBefore(daily.now().minus(Duration.ofDays(days)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not drop the executions older than " + days + " days; trying again tomorrow", e);
        }
    }

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
