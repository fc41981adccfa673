package io.texium.scheduler.dashboard.control;

import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/** One job's runs in an hour (or a window): how many ran to an end, how long they took, how many failed and the last failure. */
public final class JobTally {

    /** How much of a failure's error is kept: enough to recognise it; the execution holds the whole. */
    static final int ERROR_CHARS = 300;

    String name;
    long runs;
    long durationSum;
    long durationMax;
    long failures;
    Instant lastFailureAt;
    String lastError;

    void add(Execution x) {
        if (x.jobName() != null) {
            name = x.jobName();
        }
        ExecutionStatus status = x.status();
        boolean ranToAnEnd = status == ExecutionStatus.succeeded || status == ExecutionStatus.failed
                || status == ExecutionStatus.timeout;
        if (ranToAnEnd && x.durationMs() != null) {
            runs++;
            durationSum += x.durationMs();
            durationMax = Math.max(durationMax, x.durationMs());
        }
        if (status == ExecutionStatus.failed || status == ExecutionStatus.timeout) {
            failures++;
            Instant at = x.completedAt() != null ? x.completedAt() : x.scheduledTime();
            String error = x.error() != null ? x.error() : status == ExecutionStatus.timeout ? "timeout" : null;
            failure(at, error);
        }
    }

    private void failure(Instant at, String error) {
        if (at != null && (lastFailureAt == null || !at.isBefore(lastFailureAt))) {
            lastFailureAt = at;
            lastError = error == null || error.length() <= ERROR_CHARS ? error : error.substring(0, ERROR_CHARS);
        }
    }

    void merge(JobTally other) {
        if (other.name != null) {
            name = other.name;
        }
        runs += other.runs;
        durationSum += other.durationSum;
        durationMax = Math.max(durationMax, other.durationMax);
        failures += other.failures;
        if (other.lastFailureAt != null) {
            failure(other.lastFailureAt, other.lastError);
        }
    }

    /** The mean duration of the runs, rounded; 0 without runs. */
    public long averageMillis() {
        return runs == 0 ? 0 : Math.round((double) durationSum / runs);
    }

    public String name() {
        return name;
    }

    public long runs() {
        return runs;
    }

    public long maxMillis() {
        return durationMax;
    }

    public long failures() {
        return failures;
    }

    public Instant lastFailureAt() {
        return lastFailureAt;
    }

    public String lastError() {
        return lastError;
    }

    Document toDocument() {
        return new Document("name", name).append("runs", runs).append("duration_sum", durationSum)
                .append("duration_max", durationMax).append("failures", failures)
                .append("last_failure_at", lastFailureAt == null ? null : Date.from(lastFailureAt))
                .append("last_error", lastError);
    }

    static JobTally of(Document d) {
        var tally = new JobTally();
        tally.name = d.getString("name");
        tally.runs = number(d, "runs");
        tally.durationSum = number(d, "duration_sum");
        tally.durationMax = number(d, "duration_max");
        tally.failures = number(d, "failures");
        Date at = d.getDate("last_failure_at");
        tally.lastFailureAt = at == null ? null : at.toInstant();
        tally.lastError = d.getString("last_error");
        return tally;
    }

    static long number(Document d, String key) {
        Object n = d.get(key);
        return n instanceof Number number ? number.longValue() : 0;
    }
}
