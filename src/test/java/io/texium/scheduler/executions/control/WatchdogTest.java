package io.texium.scheduler.executions.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The watchdog's decisions on a settable clock: which runs are past their timeout, and who ends a run. */
class WatchdogTest {

    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    SettableClock clock = new SettableClock(T0);
    Watchdog cut = new Watchdog(clock);

    static HandedRun started(String id, Long timeoutSeconds, Instant at) {
        var run = new Run(new Execution().id(id).scheduledTime(at), new Job().id("job-" + id).timeoutSeconds(timeoutSeconds));
        var active = new HandedRun(run, run.job().policy().timeout().orElse(null));
        assertThat(active.begin(Thread.currentThread(), at)).isTrue();
        return active;
    }

    @Test
    void a_run_is_overdue_from_its_deadline_on_and_not_a_millisecond_before() {
        var run = started("a", 5L, T0);
        assertThat(cut.watch(run)).isTrue();

        clock.set(T0.plusMillis(4_999));
        assertThat(cut.overdue()).isEmpty();
        clock.set(T0.plusSeconds(5));
        assertThat(cut.overdue()).containsExactly(run);
        assertThat(cut.overdue()).as("taken off the watch once found").isEmpty();
    }

    @Test
    void runs_without_a_timeout_are_not_watched_at_all() {
        var run = started("a", null, T0);
        assertThat(run.deadline()).isNull();
        assertThat(cut.watch(run)).isFalse();
        assertThat(cut.watched()).isZero();
        clock.advance(Duration.ofDays(365));
        assertThat(cut.overdue()).isEmpty();
    }

    @Test
    void overdue_runs_come_earliest_first_and_the_others_stay_watched() {
        var late = started("late", 60L, T0);
        var soon = started("soon", 2L, T0);
        var same = started("same", 2L, T0);
        var ended = started("ended", 1L, T0);
        cut.watch(late);
        cut.watch(soon);
        cut.watch(same);
        cut.watch(ended);
        cut.forget(ended);

        clock.set(T0.plusSeconds(3));
        assertThat(cut.overdue()).as("equal deadlines by id").containsExactly(same, soon);
        assertThat(cut.watched()).isEqualTo(1);
        clock.set(T0.plusSeconds(60));
        assertThat(cut.overdue()).containsExactly(late);
    }

    @Test
    void the_timeout_counts_from_the_moment_the_job_starts() {
        var run = started("a", 10L, T0.plusSeconds(3));
        assertThat(run.deadline()).isEqualTo(T0.plusSeconds(13));
    }

    @Test
    void exactly_one_of_the_worker_and_a_stop_ends_a_run() {
        var stopped = started("a", 5L, T0);
        assertThat(stopped.stop()).isEqualTo(HandedRun.Stopped.INTERRUPTED);
        assertThat(Thread.interrupted()).as("the job's thread was interrupted").isTrue();
        assertThat(stopped.stop()).isEqualTo(HandedRun.Stopped.NOT_RUNNING);
        assertThat(stopped.finish()).as("the job's late result is discarded").isFalse();

        var finished = started("b", 5L, T0);
        assertThat(finished.finish()).isTrue();
        assertThat(finished.stop()).isEqualTo(HandedRun.Stopped.NOT_RUNNING);
        assertThat(Thread.interrupted()).as("no interrupt after the job returned").isFalse();

        var notStarted = new HandedRun(new Run(new Execution().id("c"), new Job()), null);
        assertThat(notStarted.stop()).isEqualTo(HandedRun.Stopped.BEFORE_START);
        assertThat(notStarted.begin(Thread.currentThread(), T0)).as("a stopped run's job never starts").isFalse();
    }
}
