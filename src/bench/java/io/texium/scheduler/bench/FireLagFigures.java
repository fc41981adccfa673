package io.texium.scheduler.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.bson.Document;

/** The figures of one due second, computed from its execution documents, and their medians over repetitions. */
final class FireLagFigures {

    private FireLagFigures() {
    }

    /**
     * One run of N fires: lag (started_at - scheduled_time) and its stages (delivery, claim, queue; null where the
     * documents lack the timestamps), how each fire ended, and the drain rate.
     */
    record Run(int n, Samples.Dist lag, Samples.Dist delivery, Samples.Dist claim, Samples.Dist queue,
               int succeeded, int missing, int missed, int skipped, int failed, int unfinished,
               double drainRunsPerSecond, String note) {

        /** Fires that did not succeed: N minus the executions of that second whose status is succeeded. */
        int notRun() {
            return n - succeeded;
        }

        static Run of(int n, Instant due, List<Document> docs, String note) {
            Date scheduled = Date.from(due);
            List<Double> lag = new ArrayList<>();
            List<Double> delivery = new ArrayList<>();
            List<Double> claim = new ArrayList<>();
            List<Double> queue = new ArrayList<>();
            Map<String, Integer> statuses = new HashMap<>();
            Set<String> jobs = new HashSet<>();
            boolean firedAtEverywhere = !docs.isEmpty();
            Date lastCompleted = null;
            for (Document d : docs) {
                jobs.add(d.getString("job_id"));
                String status = String.valueOf(d.getString("status"));
                statuses.merge(status, 1, Integer::sum);
                Date fired = d.getDate("fired_at");
                Date created = d.getDate("created_at");
                Date started = d.getDate("started_at");
                Date completed = d.getDate("completed_at");
                firedAtEverywhere &= fired != null; // older builds do not record fired_at
                if (started != null) {
                    lag.add(millis(scheduled, started));
                }
                if (fired != null) {
                    delivery.add(millis(scheduled, fired));
                    if (created != null) {
                        claim.add(millis(fired, created));
                    }
                }
                if (created != null && started != null) {
                    queue.add(millis(created, started));
                }
                boolean ran = status.equals("succeeded") || status.equals("failed");
                if (ran && completed != null && (lastCompleted == null || completed.after(lastCompleted))) {
                    lastCompleted = completed;
                }
            }
            int succeeded = statuses.getOrDefault("succeeded", 0);
            int failed = statuses.getOrDefault("failed", 0);
            int missed = statuses.getOrDefault("missed", 0);
            int skipped = statuses.getOrDefault("skipped", 0);
            double drain = lastCompleted == null ? Double.NaN
                    : (succeeded + failed) / Math.max(0.001, millis(scheduled, lastCompleted) / 1000.0);
            return new Run(n, Samples.Dist.of(lag), firedAtEverywhere ? Samples.Dist.of(delivery) : null,
                    firedAtEverywhere ? Samples.Dist.of(claim) : null, Samples.Dist.of(queue),
                    succeeded, n - jobs.size(), missed, skipped, failed, docs.size() - succeeded - failed - missed - skipped,
                    drain, note);
        }

        private static double millis(Date from, Date to) {
            return to.getTime() - from.getTime();
        }
    }

    /** The median of each figure over the runs of one size, and the notes the runs left. */
    record Summary(int n, int runs, Samples.Dist lag, Samples.Dist delivery, Samples.Dist claim, Samples.Dist queue,
                   double notRun, double missing, double missed, double skipped, double failed, double unfinished,
                   double drainRunsPerSecond, List<String> notes) {

        static Summary of(int n, List<Run> runs) {
            return new Summary(n, runs.size(),
                    Samples.Dist.median(runs.stream().map(Run::lag).toList()),
                    Samples.Dist.median(runs.stream().map(Run::delivery).toList()),
                    Samples.Dist.median(runs.stream().map(Run::claim).toList()),
                    Samples.Dist.median(runs.stream().map(Run::queue).toList()),
                    median(runs, Run::notRun), median(runs, Run::missing), median(runs, Run::missed),
                    median(runs, Run::skipped), median(runs, Run::failed), median(runs, Run::unfinished),
                    Samples.median(runs.stream().map(Run::drainRunsPerSecond).toList()),
                    runs.stream().map(Run::note).filter(Objects::nonNull).distinct().toList());
        }

        private static double median(List<Run> runs, ToIntFunction<Run> figure) {
            return Samples.median(runs.stream().map(r -> (double) figure.applyAsInt(r)).toList());
        }
    }
}
