package io.texium.scheduler.timers.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.timers.control.JobTimers.Armed;
import io.texium.scheduler.timers.control.JobTimers.Drift;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the timer index reports and reconciles, computed without a timer service. */
class JobTimersTest {

    @Nested
    @DisplayName("a re-armed timer takes over from its predecessor's timeout that fell due and was perhaps not delivered")
    class CoveredFrom {

        final Instant now = Instant.parse("2026-11-30T04:01:42.000300Z");

        @Test
        void a_first_arming_covers_from_now() {
            assertThat(JobTimers.coveredFrom(now, null)).isEqualTo(now);
        }

        @Test
        void an_old_timeout_still_ahead_will_not_be_lost_so_the_new_timer_covers_from_now() {
            assertThat(JobTimers.coveredFrom(now, Instant.parse("2026-11-30T04:01:43Z"))).isEqualTo(now);
        }

        @Test
        void an_old_timeout_due_already_is_covered_by_the_new_timer() {
            Instant due = Instant.parse("2026-11-30T04:01:42Z");
            assertThat(JobTimers.coveredFrom(now, due)).isBefore(due).isAfter(due.minusMillis(1));
            assertThat(JobTimers.coveredFrom(due, due)).isBefore(due);
        }
    }

    @Nested
    @DisplayName("drift: the armed entries against the versions of the active (enabled, unpaused) jobs")
    class DriftBetween {

        Map<String, Long> active = new HashMap<>();
        Map<String, Armed> armed = new HashMap<>();

        Drift drift() {
            return Drift.between(active, armed);
        }

        void arm(String jobId, long version) {
            armed.put(jobId, new Armed(null, version, Map.of(), true, Instant.EPOCH));
        }

        @Test
        void no_drift_when_every_active_job_is_armed_from_its_version() {
            active.putAll(Map.of("a", 1L, "b", 4L));
            arm("a", 1);
            arm("b", 4);
            assertThat(drift().none()).isTrue();
            assertThat(drift()).isEqualTo(new Drift(List.of(), List.of(), List.of()));
        }

        @Test
        void an_active_job_without_an_entry_is_missing() {
            active.putAll(Map.of("a", 1L, "b", 2L));
            arm("a", 1);
            assertThat(drift()).isEqualTo(new Drift(List.of("b"), List.of(), List.of()));
            assertThat(drift().none()).isFalse();
        }

        @Test
        void an_entry_of_a_job_that_is_not_active_is_an_orphan() {
            active.put("a", 1L);
            arm("a", 1);
            arm("paused-or-deleted", 3);
            assertThat(drift()).isEqualTo(new Drift(List.of(), List.of("paused-or-deleted"), List.of()));
        }

        @Test
        void an_entry_armed_from_another_version_is_stale_not_missing() {
            active.putAll(Map.of("older", 5L, "newer", 5L));
            arm("older", 4);
            arm("newer", 6);
            assertThat(drift()).isEqualTo(new Drift(List.of(), List.of(), List.of("newer", "older")));
        }

        @Test
        void an_entry_without_a_timer_because_no_fire_is_left_counts_as_armed() {
            active.put("ended", 2L);
            arm("ended", 2);
            assertThat(drift().none()).isTrue();
        }

        @Test
        void each_list_is_in_job_id_order_whatever_the_order_of_the_maps() {
            active = new LinkedHashMap<>();
            armed = new LinkedHashMap<>();
            for (String id : List.of("m3", "m1", "m2")) {
                active.put(id, 1L);
            }
            for (String id : List.of("s2", "s1")) {
                active.put(id, 2L);
                arm(id, 1);
            }
            for (String id : List.of("o2", "o1")) {
                arm(id, 1);
            }
            assertThat(drift()).isEqualTo(new Drift(List.of("m1", "m2", "m3"), List.of("o1", "o2"), List.of("s1", "s2")));
        }

        @Test
        void nothing_active_and_nothing_armed_is_no_drift() {
            assertThat(drift().none()).isTrue();
        }
    }
}
