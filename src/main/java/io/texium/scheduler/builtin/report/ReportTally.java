package io.texium.scheduler.builtin.report;

import io.texium.scheduler.executions.entity.Execution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts executions per job as they stream past: counters by status, and each job's durations as a growing array of
 * longs (8 bytes a run with a duration), which the 95th percentile needs whole; nothing else of an execution is kept.
 */
final class ReportTally {

    private final Map<String, Counts> byJob = new HashMap<>();

    private static final class Counts {
        long succeeded;
        long failed;
        long missed;
        long skipped;
        long unfinished;
        long[] durations = new long[16];
        int durationCount;
        long durationSum;

        void duration(long ms) {
            if (durationCount == durations.length) {
                durations = Arrays.copyOf(durations, durations.length * 2);
            }
            durations[durationCount++] = ms;
            durationSum += ms;
        }
    }

    void add(Execution execution) {
        if (execution.jobId() == null || execution.status() == null) {
            return;
        }
        Counts c = byJob.computeIfAbsent(execution.jobId(), id -> new Counts());
        switch (execution.status()) {
            case succeeded -> c.succeeded++;
            case failed -> c.failed++;
            case missed -> c.missed += execution.fireCount() == null ? 1 : Math.max(1, execution.fireCount());
            case skipped -> c.skipped++;
            case scheduled, running -> c.unfinished++;
        }
        if (execution.durationMs() != null && execution.durationMs() >= 0) {
            c.duration(execution.durationMs());
        }
    }

    /** The job ids seen. */
    Set<String> jobIds() {
        return byJob.keySet();
    }

    /**
     * One row per job seen, by name then id; {@code names} gives the current name of each job that still exists, a
     * deleted job is named by its id.
     */
    List<ReportRow> rows(Map<String, String> names) {
        List<ReportRow> rows = new ArrayList<>();
        byJob.forEach((id, c) -> {
            String name = names.get(id);
            long ended = c.succeeded + c.failed;
            Double rate = ended == 0 ? null : round(c.succeeded / (double) ended, 10_000);
            Double mean = c.durationCount == 0 ? null : round(c.durationSum / (double) c.durationCount, 10);
            rows.add(new ReportRow(id, name == null ? id : name, name == null,
                    c.succeeded + c.failed + c.missed + c.skipped + c.unfinished, c.succeeded, c.failed, c.missed,
                    c.skipped, c.unfinished, rate, mean, p95(c)));
        });
        rows.sort(Comparator.comparing(ReportRow::jobName).thenComparing(ReportRow::jobId));
        return rows;
    }

    /** The nearest-rank 95th percentile: the smallest duration at least 95 % of the durations are not above. */
    static Long p95(long[] durations, int count) {
        if (count == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(durations, count);
        Arrays.sort(sorted);
        int rank = (int) ((95L * count + 99) / 100); // ceil(0.95 n) in integers: no rounding error at n = 20
        return sorted[rank - 1];
    }

    private static Long p95(Counts c) {
        return p95(c.durations, c.durationCount);
    }

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}
