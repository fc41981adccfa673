package io.texium.scheduler.builtin.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The numbers of a report from known executions. */
class ReportTallyTest {

    static Execution run(String job, ExecutionStatus status, Long durationMs) {
        return new Execution().jobId(job).status(status).durationMs(durationMs);
    }

    @Test
    void counts_statuses_rates_means_and_the_nearest_rank_p95_per_job() {
        var cut = new ReportTally();
        // job a: 20 runs lasting 1..20 ms, the 5 longest failed
        LongStream.rangeClosed(1, 20).forEach(ms -> cut.add(run("a", ms > 15 ? ExecutionStatus.failed : ExecutionStatus.succeeded, ms)));
        // job b: a missed entry for 3 fires, one skipped, one running: nothing ended
        cut.add(run("b", ExecutionStatus.missed, null).fireCount(3L));
        cut.add(run("b", ExecutionStatus.skipped, null));
        cut.add(run("b", ExecutionStatus.running, null));
        // job c (deleted since): one success of 7 ms, one failure without a recorded duration
        cut.add(run("c", ExecutionStatus.succeeded, 7L));
        cut.add(run("c", ExecutionStatus.failed, null));

        var rows = cut.rows(Map.of("a", "Alpha", "b", "Beta"));

        assertThat(rows).extracting(ReportRow::jobName).containsExactly("Alpha", "Beta", "c");
        var a = rows.get(0);
        var b = rows.get(1);
        var c = rows.get(2);
        assertSoftly(s -> {
            s.assertThat(a.runs()).isEqualTo(20);
            s.assertThat(a.succeeded()).isEqualTo(15);
            s.assertThat(a.failed()).isEqualTo(5);
            s.assertThat(a.successRate()).isEqualTo(0.75);
            s.assertThat(a.meanDurationMs()).isEqualTo(10.5);
            s.assertThat(a.p95DurationMs()).as("ceil(0.95 * 20) = 19th of 1..20").isEqualTo(19L);
            s.assertThat(a.jobDeleted()).isFalse();

            s.assertThat(b.runs()).isEqualTo(5);
            s.assertThat(b.missed()).isEqualTo(3);
            s.assertThat(b.skipped()).isEqualTo(1);
            s.assertThat(b.unfinished()).isEqualTo(1);
            s.assertThat(b.successRate()).isNull();
            s.assertThat(b.meanDurationMs()).isNull();
            s.assertThat(b.p95DurationMs()).isNull();

            s.assertThat(c.jobId()).isEqualTo("c");
            s.assertThat(c.jobDeleted()).isTrue();
            s.assertThat(c.runs()).isEqualTo(2);
            s.assertThat(c.successRate()).isEqualTo(0.5);
            s.assertThat(c.meanDurationMs()).isEqualTo(7.0);
            s.assertThat(c.p95DurationMs()).isEqualTo(7L);
        });
    }

    @ParameterizedTest(name = "p95 of 1..{0} is {1}")
    @CsvSource({"1, 1", "2, 2", "19, 19", "20, 19", "21, 20", "100, 95", "1000, 950", "1001, 951"})
    void the_p95_is_the_nearest_rank(int n, long expected) {
        long[] shuffled = LongStream.rangeClosed(1, n).map(i -> (i * 7919) % n + 1).toArray();
        assertThat(ReportTally.p95(shuffled, n)).isEqualTo(expected);
    }

    @Test
    void a_mean_is_rounded_to_a_tenth_and_a_rate_to_four_places() {
        var cut = new ReportTally();
        cut.add(run("a", ExecutionStatus.succeeded, 1L));
        cut.add(run("a", ExecutionStatus.succeeded, 1L));
        cut.add(run("a", ExecutionStatus.failed, 2L));
        var row = cut.rows(Map.of()).getFirst();
        assertThat(row.meanDurationMs()).isEqualTo(1.3);
        assertThat(row.successRate()).isEqualTo(0.6667);
    }
}
