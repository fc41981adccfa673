package io.texium.scheduler.dashboard.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.executions.control.ExecutionBucket;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.platform.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Hour windows, tallies and stored rollups against a fixed clock. */
class DashboardWindowTest {

    static final Instant NOW = Instant.parse("2026-11-30T10:17:42.500Z");

    SettableClock clock = new SettableClock(NOW);

    static Execution run(String id, String user, String job, ExecutionStatus status, Instant due, long lagMs, long durationMs) {
        Instant started = due.plusMillis(lagMs);
        return new Execution().id(id).userId(user).jobId(job).jobName("job " + job).status(status).trigger("schedule")
                .scheduledTime(due).startedAt(started).completedAt(started.plusMillis(durationMs)).durationMs(durationMs)
                .error(status == ExecutionStatus.failed ? "boom " + id : null);
    }

    @Nested
    class Windows {

        @Test
        void a_window_is_the_current_utc_hour_and_the_hours_before_it_oldest_first() {
            List<ExecutionBucket> window = Dashboard.window(clock.instant(), 24);
            assertThat(window).hasSize(24);
            assertThat(window.getLast().start()).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
            assertThat(window.getFirst().start()).isEqualTo(Instant.parse("2026-11-29T11:00:00Z"));
            assertThat(Dashboard.window(clock.instant(), 1)).containsExactly(new ExecutionBucket("2026113010"));
        }

        @Test
        void a_window_across_the_end_of_a_month_and_a_year_counts_whole_utc_hours() {
            clock.set(Instant.parse("2027-01-01T00:00:00Z"));
            var window = Dashboard.window(clock.instant(), 168);
            assertThat(window).hasSize(168).doesNotHaveDuplicates();
            assertThat(window.getFirst()).isEqualTo(new ExecutionBucket("2026122501"));
            assertThat(Duration.between(window.getFirst().start(), window.getLast().start())).isEqualTo(Duration.ofHours(167));
        }
    }

    @Nested
    class Tallies {

        Instant due = Instant.parse("2026-11-30T09:05:00Z");

        HourRollup hour() {
            var rollup = new HourRollup(ExecutionBucket.of(due));
            rollup.add(run("x1", "alice", "j1", ExecutionStatus.succeeded, due, 20, 100));
            rollup.add(run("x2", "alice", "j1", ExecutionStatus.failed, due.plusSeconds(60), 40, 300));
            rollup.add(run("x3", "bob", "j2", ExecutionStatus.succeeded, due.plusSeconds(120), 1_000, 50));
            rollup.add(new Execution().id("x4").userId("bob").jobId("j2").status(ExecutionStatus.running).trigger("manual")
                    .scheduledTime(due.plusSeconds(180)).startedAt(due.plusSeconds(180)));
            return rollup;
        }

        @Test
        void a_users_tally_holds_their_executions_and_jobs_only() {
            Tally alice = hour().scope("alice");
            assertThat(alice.count(ExecutionStatus.succeeded)).isEqualTo(1);
            assertThat(alice.count(ExecutionStatus.failed)).isEqualTo(1);
            assertThat(alice.jobs()).containsOnlyKeys("j1");
            JobTally j1 = alice.jobs().get("j1");
            assertThat(j1.runs()).isEqualTo(2);
            assertThat(j1.averageMillis()).isEqualTo(200);
            assertThat(j1.maxMillis()).isEqualTo(300);
            assertThat(j1.failures()).isEqualTo(1);
            assertThat(j1.lastError()).isEqualTo("boom x2");
            assertThat(alice.lags().percentile(0.5)).isEqualTo(20L);
            assertThat(alice.lagMax()).isEqualTo(40L);
        }

        @Test
        void only_scheduled_fires_that_started_have_a_lag_and_unfinished_runs_are_counted() {
            HourRollup rollup = hour();
            assertThat(rollup.unfinished()).isEqualTo(1);
            Tally bob = rollup.scope("bob");
            assertThat(bob.lags().count()).as("the manual run has none").isEqualTo(1);
            assertThat(bob.lagMax()).isEqualTo(1_000L);
            assertThat(bob.count(ExecutionStatus.running)).isEqualTo(1);
        }

        @Test
        void a_stored_rollup_reads_back_the_same_for_a_user_and_for_everyone() {
            HourRollup rollup = hour();
            Document stored = rollup.toDocument(Date.from(NOW));
            assertThat(HourRollup.executionsOf(stored)).isEqualTo(4);
            Tally everyone = HourRollup.scopeOf(stored, null, true);
            assertThat(everyone.total()).isEqualTo(4);
            assertThat(everyone.jobs()).containsOnlyKeys("j1", "j2");
            assertThat(everyone.lags().count()).isEqualTo(3);
            assertThat(everyone.lagMax()).isEqualTo(1_000L);
            Tally bob = HourRollup.scopeOf(stored, "bob", true);
            assertThat(bob.total()).isEqualTo(2);
            assertThat(bob.jobs()).containsOnlyKeys("j2");
            assertThat(HourRollup.scopeOf(stored, "carol", true).total()).isZero();
            assertThat(Dashboard.successRate(everyone)).isEqualTo(0.6667);
            assertThat(Dashboard.successRate(new Tally(false))).isNull();
            Tally countsOnly = HourRollup.scopeOf(stored, null, false);
            assertThat(countsOnly.total()).isEqualTo(4);
            assertThat(countsOnly.jobs()).isEmpty();
        }

        @Test
        void an_id_that_cannot_be_a_field_name_is_stored_encoded_and_read_back() {
            var rollup = new HourRollup(ExecutionBucket.of(due));
            rollup.add(run("x9", "a.b$c", "$j.1", ExecutionStatus.succeeded, due, 5, 10));
            Document stored = rollup.toDocument(Date.from(NOW));
            assertThat(stored.get("users", Document.class).keySet()).allSatisfy(k -> assertThat(k).doesNotContain(".", "$"));
            Tally user = HourRollup.scopeOf(stored, "a.b$c", true);
            assertThat(user.total()).isEqualTo(1);
            assertThat(user.jobs()).containsOnlyKeys("$j.1");
            assertThat(HourRollup.projection("a.b$c", true).keySet()).allSatisfy(k -> assertThat(k).doesNotContain("$"));
        }

        @Test
        void a_day_is_the_sum_of_its_stored_hours_and_remembers_what_it_was_made_from() {
            Instant day = Instant.parse("2026-11-29T00:00:00Z");
            List<ExecutionBucket> hours = HourRollups.hoursOf(day);
            assertThat(hours).hasSize(24);
            assertThat(hours.getFirst().name()).isEqualTo("2026112900");
            assertThat(hours.getLast().name()).isEqualTo("2026112923");
            assertThat(HourRollups.dayName(day)).isEqualTo("20261129");
            var sum = new HourRollup(hours.getFirst());
            sum.merge(hour().toDocument(Date.from(NOW)));
            sum.merge(hour().toDocument(Date.from(NOW)));
            Document stored = sum.toDayDocument("20261129", Map.of("2026112909", 4L, "2026112910", 4L), Date.from(NOW));
            assertThat(stored.getString("_id")).isEqualTo("20261129");
            assertThat(HourRollup.executionsOf(stored)).isEqualTo(8);
            assertThat(stored.get("hours", Document.class)).containsEntry("2026112909", 4L);
            Tally alice = HourRollup.scopeOf(stored, "alice", true);
            assertThat(alice.count(ExecutionStatus.failed)).isEqualTo(2);
            assertThat(alice.jobs().get("j1").runs()).isEqualTo(4);
            assertThat(HourRollup.scopeOf(stored, null, false).lagMax()).isEqualTo(1_000L);
        }

        @Test
        void hours_merge_into_a_window() {
            Tally sum = new Tally(true);
            for (Map.Entry<String, Tally> e : Map.of("a", hour().scope(null), "b", hour().scope(null)).entrySet()) {
                sum.merge(e.getValue());
            }
            assertThat(sum.count(ExecutionStatus.succeeded)).isEqualTo(4);
            assertThat(sum.jobs().get("j1").runs()).isEqualTo(4);
            assertThat(sum.jobs().get("j1").averageMillis()).isEqualTo(200);
        }
    }
}
