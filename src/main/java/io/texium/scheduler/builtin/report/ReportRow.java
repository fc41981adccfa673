package io.texium.scheduler.builtin.report;

/**
 * One job's line of a report: its executions in the period by status (a {@code missed} entry counted as the fires it
 * stands for), the success rate {@code succeeded / (succeeded + failed)} (null when none ended so), and the mean and
 * 95th percentile (nearest rank) of the durations recorded (null when none was).
 */
public record ReportRow(String jobId, String jobName, boolean jobDeleted, long runs, long succeeded, long failed,
                        long missed, long skipped, long unfinished, Double successRate, Double meanDurationMs,
                        Long p95DurationMs) {

    /** The column titles, in the order every format writes them. */
    static final String[] COLUMNS = {"job_id", "job_name", "runs", "succeeded", "failed", "missed", "skipped",
            "unfinished", "success_rate", "mean_duration_ms", "p95_duration_ms"};

    /** The cells in column order: strings for text, numbers for numbers, null for none. */
    Object[] cells() {
        return new Object[] {jobId, jobName, runs, succeeded, failed, missed, skipped, unfinished, successRate,
                meanDurationMs, p95DurationMs};
    }
}
