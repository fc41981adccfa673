package io.texium.scheduler.dashboard.control;

import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;

/**
 * What the dashboard knows of some executions (an hour's, of one user or of everyone): the count per status, the
 * fire lags (started minus due, of scheduled fires that started) and, when asked, a {@link JobTally} per job.
 * Tallies merge by adding, so a window is the merge of its hours.
 */
public final class Tally {

    private final EnumMap<ExecutionStatus, Long> counts = new EnumMap<>(ExecutionStatus.class);
    private final LagHistogram lags = new LagHistogram();
    private long lagMax;
    private final Map<String, JobTally> jobs = new HashMap<>();
    private final boolean withJobs;

    public Tally(boolean withJobs) {
        this.withJobs = withJobs;
        for (ExecutionStatus s : ExecutionStatus.values()) {
            counts.put(s, 0L);
        }
    }

    public void add(Execution x) {
        if (x.status() != null) {
            counts.merge(x.status(), 1L, Long::sum);
        }
        if ("schedule".equals(x.trigger()) && x.startedAt() != null && x.scheduledTime() != null) {
            long lag = Math.max(0, Duration.between(x.scheduledTime(), x.startedAt()).toMillis());
            lags.add(lag);
            lagMax = Math.max(lagMax, lag);
        }
        if (withJobs && x.jobId() != null) {
            jobs.computeIfAbsent(x.jobId(), id -> new JobTally()).add(x);
        }
    }

    public void merge(Tally other) {
        other.counts.forEach((s, n) -> counts.merge(s, n, Long::sum));
        lags.merge(other.lags);
        lagMax = Math.max(lagMax, other.lagMax);
        if (withJobs) {
            other.jobs.forEach((id, job) -> jobs.computeIfAbsent(id, k -> new JobTally()).merge(job));
        }
    }

    public long count(ExecutionStatus status) {
        return counts.get(status);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public LagHistogram lags() {
        return lags;
    }

    /** The largest lag, exact; null without lags. */
    public Long lagMax() {
        return lags.count() == 0 ? null : lagMax;
    }

    /** The jobs by id (empty for a tally without jobs). */
    public Map<String, JobTally> jobs() {
        return jobs;
    }

    Document toDocument() {
        Document statuses = new Document();
        counts.forEach((s, n) -> {
            if (n > 0) {
                statuses.append(s.name(), n);
            }
        });
        Document bins = new Document();
        lags.toMap().forEach(bins::append);
        Document lag = new Document("max", lagMax).append("bins", bins);
        Document d = new Document("counts", statuses).append("lag", lag);
        if (withJobs) {
            Document perJob = new Document();
            jobs.forEach((id, job) -> perJob.append(StoredKeys.of(id), job.toDocument()));
            d.append("jobs", perJob);
        }
        return d;
    }

    /** A stored tally; {@code withJobs} reads its jobs too (when it has them). */
    static Tally of(Document d, boolean withJobs) {
        var tally = new Tally(withJobs);
        if (d == null) {
            return tally;
        }
        Document statuses = d.get("counts", Document.class);
        if (statuses != null) {
            statuses.forEach((s, n) -> tally.counts.merge(ExecutionStatus.valueOf(s), ((Number) n).longValue(), Long::sum));
        }
        Document lag = d.get("lag", Document.class);
        if (lag != null) {
            tally.lagMax = JobTally.number(lag, "max");
            tally.lags.merge(LagHistogram.of(lag.get("bins", Document.class)));
        }
        Document perJob = d.get("jobs", Document.class);
        if (withJobs && perJob != null) {
            perJob.forEach((key, job) -> tally.jobs.put(StoredKeys.from(key), JobTally.of((Document) job)));
        }
        return tally;
    }
}
