package io.texium.scheduler.executions.control;

import com.mongodb.client.model.Filters;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.platform.Housekeeping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Removes old executions, the cheap way where it can: a whole hourly bucket at a time, its counts taken off first.
 * Once a day (on one instance) it removes those older than {@code texium.retention.executions-days}; 0 keeps them
 * all. The DataCleanup job removes through it too, with its own age and filters.
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
            deleteBefore(daily.now().minus(Duration.ofDays(days)), null, null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not drop the executions older than " + days + " days; trying again tomorrow", e);
        }
    }

    /** What a clean-up removed: whole hourly buckets dropped, and executions deleted (those buckets' included). */
    public record Removed(int bucketsDropped, long executionsDeleted) {
    }

    /**
     * Removes the finished executions scheduled before {@code cutoff}, optionally only those of some statuses or of
     * one user (null for all). Without such a filter, buckets wholly before the cutoff are dropped whole; the
     * others lose the matching documents one by one. Unfinished executions ({@code scheduled}, {@code running})
     * stay: the pipeline ends them.
     */
    public Removed deleteBefore(Instant cutoff, Set<ExecutionStatus> statuses, String userId) {
        Set<ExecutionStatus> finished = EnumSet.complementOf(EnumSet.of(ExecutionStatus.scheduled, ExecutionStatus.running));
        Set<ExecutionStatus> chosen = statuses == null || statuses.isEmpty() ? finished : EnumSet.copyOf(statuses);
        chosen.retainAll(finished);
        boolean whole = chosen.equals(finished) && userId == null;
        int dropped = 0;
        long deleted = 0;
        for (ExecutionBucket bucket : buckets.stored()) {
            if (!bucket.start().isBefore(cutoff)) {
                break;
            }
            if (whole && !bucket.end().isAfter(cutoff) && counts.open().stream().noneMatch(bucket::equals)) {
                deleted += buckets.read(bucket).countDocuments();
                counts.forget(bucket);
                buckets.drop(bucket);
                dropped++;
                continue;
            }
            List<Bson> filter = new ArrayList<>();
            filter.add(Filters.lt("scheduled_time", Date.from(cutoff)));
            filter.add(Filters.in("status", chosen.stream().map(Enum::name).toList()));
            if (userId != null) {
                filter.add(Filters.eq("user_id", userId));
            }
            deleted += counts.delete(bucket, Filters.and(filter));
        }
        var removed = new Removed(dropped, deleted);
        LOG.info(() -> "removed executions scheduled before " + cutoff + ": " + removed);
        return removed;
    }
}
