package io.texium.scheduler.bench;

import java.time.Duration;
import java.util.Map;
import org.jobrunr.configuration.JobRunr;
import org.quartz.Scheduler;

/** Turns the scenarios' figures into the table's rows, each with its target and, where there is one, its peer. */
final class TableRows {

    private static final double MIB = 1024.0 * 1024.0;

    private final BenchSettings settings;
    private final ResultTable table;
    private final String quartzName = "Quartz " + BenchRunner.versionOf(Scheduler.class);
    private final String jobRunrName = "JobRunr " + BenchRunner.versionOf(JobRunr.class);

    TableRows(BenchSettings settings, ResultTable table) {
        this.settings = settings;
        this.table = table;
    }

    void build(Map<Integer, FireLagFigures.Summary> fireLag, Map<Integer, Samples.Dist> quartz, double jobRunr,
               ScaleBench.Result scale, long baselineHeap, HistoryBench.Result history) {
        fireLag.values().forEach(summary -> fireLagRows(summary, quartz.get(summary.n()), jobRunr));
        if (scale != null) {
            scaleRows(scale, baselineHeap);
        }
        if (history != null) {
            history.latencies().forEach((endpoint, probe) -> latencyRow(
                    count(history.executions()) + " executions: p99 " + endpoint, probe, 100));
            history.facts().forEach((what, value) -> table.row(count(history.executions()) + " executions: " + what, value));
        }
        quartz.forEach((n, dist) -> table.row("Peer: " + quartzName + ", RAMJobStore, " + settings.workers() + " threads, "
                + count(n) + " due together: lag p50 / p99 / max", "", "", null, Samples.dist(dist), ""));
        if (!Double.isNaN(jobRunr)) {
            table.row("Peer: " + jobRunrName + ", MongoDB storage, " + settings.workers() + " workers, poll 5 s, "
                    + count(settings.jobRunrJobs()) + " jobs enqueued at once: drain (first enqueue to last succeeded)",
                    "", "", null, rate(jobRunr, "jobs/s"), "");
        }
    }

    private void fireLagRows(FireLagFigures.Summary s, Samples.Dist quartz, double jobRunr) {
        String label = count(s.n()) + " due together";
        Samples.Dist lag = s.lag();
        double p50 = lag == null ? Double.NaN : lag.p50();
        double p99 = lag == null ? Double.NaN : lag.p99();
        double max = lag == null ? Double.NaN : lag.max();
        double qp50 = quartz == null ? Double.NaN : quartz.p50();
        double qp99 = quartz == null ? Double.NaN : quartz.p99();
        double qmax = quartz == null ? Double.NaN : quartz.max();
        String target = s.n() <= 20 ? "≤ 20 ms" : s.n() == 1_000 ? "≤ Quartz p99" : "";
        Boolean met = s.n() <= 20 ? ResultTable.atMost(p99, 20) : s.n() == 1_000 ? ResultTable.atMost(p99, qp99) : null;
        table.row(label + ": lag p99", Samples.ms(p99), target, met, peer(quartz, qp99), ResultTable.ratio(p99, qp99));
        table.row(label + ": lag p50", Samples.ms(p50), "", null, peer(quartz, qp50), ResultTable.ratio(p50, qp50));
        table.row(label + ": lag max", Samples.ms(max), s.n() == 1_000 ? "≤ 500 ms" : "",
                s.n() == 1_000 ? ResultTable.atMost(max, 500) : null, peer(quartz, qmax), ResultTable.ratio(max, qmax));
        table.row(label + ": stages p50 / p99", stages(s));
        table.row(label + ": fires not run", String.format("%.0f (missing %.0f, missed %.0f, skipped %.0f, failed %.0f, unfinished %.0f)",
                        s.notRun(), s.missing(), s.missed(), s.skipped(), s.failed(), s.unfinished()),
                s.n() >= 1_000 ? "0" : "", s.n() >= 1_000 ? ResultTable.atMost(s.notRun(), 0) : null);
        if (s.n() == settings.drainSize()) {
            double runs = s.drainRunsPerSecond();
            Boolean drainMet = Double.isNaN(jobRunr) ? ResultTable.atLeast(runs, 1_000)
                    : ResultTable.atLeast(runs, Math.max(1_000, 2 * jobRunr));
            table.row(count(s.n()) + " due at once: drain throughput (N / (last completed_at - due))", rate(runs, "runs/s"),
                    "≥ 2× JobRunr and ≥ 1,000 runs/s", drainMet,
                    Double.isNaN(jobRunr) ? "" : "JobRunr " + rate(jobRunr, "jobs/s") + " (" + count(settings.jobRunrJobs()) + " jobs)",
                    ResultTable.ratio(runs, jobRunr));
        }
        s.notes().forEach(note -> table.note(label + ": " + note));
    }

    private static String stages(FireLagFigures.Summary s) {
        String delivery = s.delivery() == null ? "n/a (no fired_at)" : pair(s.delivery());
        String claim = s.claim() == null ? "n/a (no fired_at)" : pair(s.claim());
        String queue = s.queue() == null ? "n/a" : pair(s.queue());
        return "delivery " + delivery + "; claim " + claim + "; queue " + queue;
    }

    private static String pair(Samples.Dist d) {
        return Samples.ms(d.p50()) + " / " + Samples.ms(d.p99());
    }

    private void scaleRows(ScaleBench.Result r, long baselineHeap) {
        String jobs = count(r.jobs()) + " jobs";
        double ready = seconds(r.ready());
        double armed = seconds(r.armed());
        table.row(jobs + ": start-up to /health/ready", secondsText(ready), "≤ 60 s", ResultTable.atMost(ready, 60));
        table.row(jobs + ": start-up to all timers armed", secondsText(armed), "≤ 60 s", ResultTable.atMost(armed, 60));
        if (r.heapBytes() > 0) {
            String perJob = baselineHeap > 0
                    ? String.format(" (%,.0f bytes/job over the %.0f MiB of a nearly empty store)", (r.heapBytes() - baselineHeap) / (double) r.jobs(), baselineHeap / MIB)
                    : String.format(" (%,.0f bytes/job)", r.heapBytes() / (double) r.jobs());
            table.row(jobs + ": heap after a full GC", String.format("%.0f MiB", r.heapBytes() / MIB) + perJob, "≤ 1 GiB",
                    ResultTable.atMost(r.heapBytes() / MIB, 1024));
        } else {
            table.row(jobs + ": heap after a full GC", "n/a", "≤ 1 GiB", null);
        }
        r.latencies().forEach((endpoint, probe) -> latencyRow(jobs + ": p99 " + endpoint, probe, 50));
        table.row("API create rate: POST /api/scheduler/jobs, one client in sequence, on top of " + jobs,
                rate(r.creates().perSecond(), "jobs/s") + " (" + count(r.creates().created()) + " created)");
        if (!r.notes().isEmpty()) {
            table.note(jobs + ": " + r.notes());
        }
    }

    private void latencyRow(String figure, BenchClient.Probe probe, double limitMillis) {
        double p99 = probe == null || probe.dist() == null ? Double.NaN : probe.dist().p99();
        String value = probe == null ? "n/a" : probe.text() + " (" + (probe.dist() == null ? 0 : probe.dist().n()) + " requests)";
        table.row(figure, value, "≤ " + (int) limitMillis + " ms", ResultTable.atMost(p99, limitMillis));
    }

    private String peer(Samples.Dist quartz, double value) {
        return quartz == null ? "" : quartzName + " " + Samples.ms(value);
    }

    private static String rate(double perSecond, String unit) {
        return Double.isNaN(perSecond) ? "n/a" : String.format("%,.0f %s", perSecond, unit);
    }

    private static double seconds(Duration d) {
        return d == null ? Double.NaN : d.toMillis() / 1000.0;
    }

    private static String secondsText(double seconds) {
        return Double.isNaN(seconds) ? "n/a" : String.format("%.1f s", seconds);
    }

    static String count(int n) {
        return String.format("%,d", n);
    }
}
