package io.texium.scheduler.dashboard.control;

import io.texium.scheduler.executions.control.ExecutionBucket;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.jobs.control.JobSchedules;
import io.texium.scheduler.jobs.entity.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The dashboard's answers for one user (or everyone, null) over the last {@code hours} UTC hours: the current hour
 * and the {@code hours - 1} before it, each hour being the executions due in it (a fire's due second, a manual run's
 * request), from {@link HourRollups}. The next runs are computed from the schedules of the jobs that will fire.
 */
@ApplicationScoped
public class Dashboard {

    @Inject
    HourRollups rollups;

    @Inject
    JobQueries jobs;

    @Inject
    JobSchedules schedules;

    @Inject
    Clock clock;

    /** The hours of a window: {@code hours} buckets ending with the current one, oldest first. */
    static List<ExecutionBucket> window(Instant now, int hours) {
        ExecutionBucket current = ExecutionBucket.of(now);
        List<ExecutionBucket> window = new ArrayList<>(hours);
        for (int back = hours - 1; back >= 0; back--) {
            window.add(ExecutionBucket.of(current.start().minusSeconds(3600L * back)));
        }
        return window;
    }

    /** The counts of the window and of the jobs. */
    public record Summary(Instant from, Instant to, Map<ExecutionStatus, Long> counts, long total, Double successRate,
                          long jobsTotal, long jobsEnabled, long jobsPaused) {
    }

    /** One hour's ended executions by outcome. */
    public record HourCounts(Instant hour, long succeeded, long failed, long timeout, long cancelled, long missed, long skipped) {
    }

    /**
     * One hour's fire lags; the percentiles and the maximum are null in an hour without fires. (The percentiles'
     * names are given, and nillable: JSON-B's snake case writes {@code p50Ms} as {@code p50ms}, and a named property
     * leaves out its nulls.)
     */
    public record HourLag(Instant hour, long count, @JsonbNillable @JsonbProperty("p50_ms") Long p50Ms,
                          @JsonbNillable @JsonbProperty("p95_ms") Long p95Ms, Long maxMs) {
    }

    /** A job's runs in the window. */
    public record JobRuns(String jobId, String jobName, long runs, long avgMs, long maxMs) {
    }

    /** A job's failures (failed or timed out) in the window. */
    public record JobFailures(String jobId, String jobName, long failures, Instant lastFailureAt, String lastError) {
    }

    /** A job's next run. */
    public record NextRun(String jobId, String jobName, Instant nextRunTime) {
    }

    public Summary summary(String userId, int hours) {
        Instant now = clock.instant();
        List<ExecutionBucket> window = window(now, hours);
        Tally sum = rollups.sum(window, userId, false);
        Map<ExecutionStatus, Long> counts = new java.util.EnumMap<>(ExecutionStatus.class);
        for (ExecutionStatus s : ExecutionStatus.values()) {
            counts.put(s, sum.count(s));
        }
        return new Summary(window.getFirst().start(), now, counts, sum.total(), successRate(sum),
                jobs.count(userId, null, null), jobs.count(userId, true, null), jobs.count(userId, null, true));
    }

    /** succeeded / (succeeded + failed + timeout), four decimals; null when no run ended so. */
    static Double successRate(Tally tally) {
        long succeeded = tally.count(ExecutionStatus.succeeded);
        long ended = succeeded + tally.count(ExecutionStatus.failed) + tally.count(ExecutionStatus.timeout);
        return ended == 0 ? null : Math.round(10000.0 * succeeded / ended) / 10000.0;
    }

    public List<HourCounts> hourly(String userId, int hours) {
        List<HourCounts> rows = new ArrayList<>();
        rollups.tallies(window(clock.instant(), hours), userId, false).forEach((bucket, t) -> rows.add(new HourCounts(bucket.start(),
                t.count(ExecutionStatus.succeeded), t.count(ExecutionStatus.failed), t.count(ExecutionStatus.timeout),
                t.count(ExecutionStatus.cancelled), t.count(ExecutionStatus.missed), t.count(ExecutionStatus.skipped))));
        return rows;
    }

    public List<HourLag> lag(String userId, int hours) {
        List<HourLag> rows = new ArrayList<>();
        rollups.tallies(window(clock.instant(), hours), userId, false).forEach((bucket, t) -> rows.add(new HourLag(bucket.start(),
                t.lags().count(), t.lags().percentile(0.50), t.lags().percentile(0.95), t.lagMax())));
        return rows;
    }

    public List<JobRuns> slowest(String userId, int hours, int limit) {
        return jobsOf(userId, hours).entrySet().stream().filter(e -> e.getValue().runs() > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, JobTally> e) -> e.getValue().averageMillis()).reversed()
                        .thenComparing(e -> e.getValue().maxMillis(), Comparator.reverseOrder())
                        .thenComparing(Map.Entry::getKey))
                .limit(limit)
                .map(e -> new JobRuns(e.getKey(), e.getValue().name(), e.getValue().runs(), e.getValue().averageMillis(),
                        e.getValue().maxMillis()))
                .toList();
    }

    public List<JobFailures> failing(String userId, int hours, int limit) {
        return jobsOf(userId, hours).entrySet().stream().filter(e -> e.getValue().failures() > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, JobTally> e) -> e.getValue().failures()).reversed()
                        .thenComparing(e -> e.getValue().lastFailureAt(), Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Map.Entry::getKey))
                .limit(limit)
                .map(e -> new JobFailures(e.getKey(), e.getValue().name(), e.getValue().failures(),
                        e.getValue().lastFailureAt(), e.getValue().lastError()))
                .toList();
    }

    /** The soonest next runs of the jobs that will fire (enabled, not paused, owner active), soonest first. */
    public List<NextRun> upcoming(String userId, int limit) {
        Instant now = clock.instant();
        List<NextRun> runs = new ArrayList<>();
        for (Job job : jobs.firing(userId)) {
            Instant next;
            try {
                next = schedules.of(job).nextFireTime(now).map(ZonedDateTime::toInstant).orElse(null);
            } catch (RuntimeException unreadable) {
                continue; // a schedule stored by hand that no longer parses fires nothing either
            }
            if (next != null) {
                runs.add(new NextRun(job.id(), job.name(), next));
            }
        }
        runs.sort(Comparator.comparing(NextRun::nextRunTime).thenComparing(NextRun::jobId));
        return runs.stream().limit(limit).toList();
    }

    private Map<String, JobTally> jobsOf(String userId, int hours) {
        Tally sum = rollups.sum(window(clock.instant(), hours), userId, true);
        sum.jobs().keySet().removeIf(Objects::isNull);
        return sum.jobs();
    }
}
