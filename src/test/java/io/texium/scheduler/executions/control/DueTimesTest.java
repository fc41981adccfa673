package io.texium.scheduler.executions.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.schedule.CronSchedule;
import io.texium.scheduler.schedule.ScheduleSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DueTimesTest {

    @ParameterizedTest(name = "fired {0}, next timeout {1} -> due at most {2}")
    @CsvSource(nullValues = "null", value = {
            // on time or late, however late: the due second is the one before the next expiry
            "2026-11-30T10:00:00.003Z, 2026-11-30T10:00:01Z,     2026-11-30T10:00:00.999999999Z",
            "2026-11-30T10:00:00.985Z, 2026-11-30T10:00:01Z,     2026-11-30T10:00:00.999999999Z",
            "2026-11-30T10:00:00.985Z, 2026-11-30T10:00:01.985Z, 2026-11-30T10:00:00.999999999Z",
            // slightly early: still this expiry's second
            "2026-11-30T09:59:59.990Z, 2026-11-30T10:00:01Z,     2026-11-30T10:00:00.999999999Z",
            // a daily job: the window reaches up to just before tomorrow's expiry
            "2026-11-30T09:00:00.400Z, 2026-12-01T09:00:00Z,     2026-12-01T08:59:59.999999999Z",
            // a timer whose next expiry has not advanced past this fire: the fire instant (plus slack) bounds it
            "2026-11-30T10:00:00.003Z, 2026-11-30T10:00:00Z,     2026-11-30T10:00:00.053Z",
            // the last expiry of a timer has no next one
            "2026-11-30T10:00:00.003Z, null,                     2026-11-30T10:00:00.053Z"})
    void the_due_time_lies_before_the_next_expiry(Instant fired, Instant next, Instant bound) {
        assertThat(DueTimes.bound(fired, next)).isEqualTo(bound);
    }

    static final CronSchedule EVERY_SECOND = CronSchedule.parse(ScheduleSpec.ofFields(null, null, null, null, null, null, null, "*", "UTC"));
    static final CronSchedule EVERY_MINUTE = CronSchedule.parse(ScheduleSpec.ofFields(null, null, null, null, null, null, "*", null, "UTC"));

    static Instant at(String time) {
        return Instant.parse("2026-11-30T" + time + "Z");
    }

    @Test
    void the_first_timeout_after_arming_stands_for_its_own_fire_only() {
        assertThat(DueTimes.of(EVERY_SECOND, null, at("10:00:05.200"), at("10:00:06")))
                .containsExactly(at("10:00:05"));
        assertThat(DueTimes.of(EVERY_SECOND, at("10:00:04.700"), at("10:00:05.200"), at("10:00:06")))
                .containsExactly(at("10:00:05"));
    }

    @Test
    void a_second_the_timer_skipped_is_caught_up() {
        assertThat(DueTimes.of(EVERY_SECOND, at("10:00:03"), at("10:00:05.200"), at("10:00:06")))
                .containsExactly(at("10:00:04"), at("10:00:05"));
    }

    @Test
    void a_fire_this_instance_dispatched_already_is_not_dispatched_again() {
        assertThat(DueTimes.of(EVERY_SECOND, at("10:00:05"), at("10:00:05.200"), at("10:00:06"))).isEmpty();
    }

    @Test
    void catching_up_is_bounded_to_the_latest_fires() {
        List<Instant> due = DueTimes.of(EVERY_SECOND, at("09:59:00"), at("10:00:30.100"), at("10:00:31"));
        assertThat(due).hasSize(DueTimes.MAX_CATCH_UP).last().isEqualTo(at("10:00:30"));
        assertThat(due.get(0)).isEqualTo(at("10:00:21"));
    }

    @Test
    void a_timeout_the_schedule_does_not_contain_stands_for_nothing() {
        assertThat(DueTimes.of(EVERY_MINUTE, at("10:00:00"), at("10:00:30.100"), at("10:00:31"))).isEmpty();
        assertThat(DueTimes.of(EVERY_MINUTE, at("10:01:10.500"), at("10:01:11.100"), at("10:01:12")))
                .as("armed after the 10:01 fire: that fire is not run").isEmpty();
        assertThat(DueTimes.of(EVERY_MINUTE, at("09:59:00"), at("10:00:00.300"), at("10:01:00")))
                .containsExactly(at("10:00:00"));
    }
}
