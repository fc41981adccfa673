package io.texium.scheduler.timers.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.jobs.entity.RecentFire;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How a timer's view is put together from the timer and its job: last fire, recent lags, the job behind it. */
class TimerViewTest {

    static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");

    static RecentFire fire(int second, Long lagMillis, String status) {
        Instant due = T0.plusSeconds(second);
        return new RecentFire("x" + second, due, lagMillis == null ? null : due.plusMillis(lagMillis), status);
    }

    @Nested
    @DisplayName("recent lags")
    class Lags {

        @Test
        void are_newest_first_and_skip_fires_that_never_started() {
            var fires = List.of(fire(1, 40L, "succeeded"), fire(2, null, "cancelled"), fire(3, 120L, "failed"));
            assertThat(TimerView.recentLags(fires)).containsExactly(120L, 40L);
        }

        @Test
        void are_at_most_ten() {
            List<RecentFire> fires = new ArrayList<>();
            for (int i = 0; i < 14; i++) {
                fires.add(fire(i, (long) i, "succeeded"));
            }
            assertThat(TimerView.recentLags(fires)).containsExactly(13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L);
        }

        @Test
        void are_never_negative() {
            assertThat(new RecentFire("x", T0, T0.minusMillis(5), "succeeded").lagMillis()).isZero();
        }

        @Test
        void are_empty_without_fires() {
            assertThat(TimerView.recentLags(List.of())).isEmpty();
        }
    }

    @Test
    void the_last_fire_is_the_newest_and_null_before_any() {
        assertThat(TimerView.lastFire(List.of())).isNull();
        var last = TimerView.lastFire(List.of(fire(1, 40L, "succeeded"), fire(2, 7L, "failed")));
        assertThat(last).isEqualTo(new TimerView.LastFire("x2", T0.plusSeconds(2), T0.plusSeconds(2).plusMillis(7), "failed"));
    }

    @Test
    void a_view_shows_the_job_behind_the_timer() {
        var timer = new JobTimers.TimerInfo("j1", Map.of("second", "0", "timezone", "Europe/Berlin"), T0, false, true, T0);
        Job job = new Job().id("j1").name("nightly").userId("u1").paused(false)
                .recentFires(List.of(fire(1, 30L, "succeeded")));
        var view = TimerView.of(timer, "i1", List.of("i1"), job, "At 02:00", "alice");
        assertThat(view.jobName()).isEqualTo("nightly");
        assertThat(view.owner()).isEqualTo("u1");
        assertThat(view.ownerName()).isEqualTo("alice");
        assertThat(view.scheduleDescription()).isEqualTo("At 02:00");
        assertThat(view.timezone()).isEqualTo("Europe/Berlin");
        assertThat(view.paused()).isFalse();
        assertThat(view.lastFire().executionId()).isEqualTo("x1");
        assertThat(view.recentLagMs()).containsExactly(30L);
    }

    @Test
    void a_view_of_a_job_gone_meanwhile_shows_the_timer_only() {
        var timer = new JobTimers.TimerInfo("j1", Map.of(), T0, false, true, T0);
        var view = TimerView.of(timer, "i1", List.of("i1"), null, null, null);
        assertThat(view.jobName()).isNull();
        assertThat(view.paused()).isNull();
        assertThat(view.lastFire()).isNull();
        assertThat(view.recentLagMs()).isEmpty();
    }
}
