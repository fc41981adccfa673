package io.texium.scheduler.schedule;

import static io.texium.scheduler.schedule.Schedules.fires;
import static io.texium.scheduler.schedule.Schedules.instant;
import static io.texium.scheduler.schedule.Schedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * start_date and end_date, schedules that never fire again, the guard's window query and the
 * inclusive APScheduler entry point; expected fire times come from APScheduler 3.9.1 (pytz).
 */
class CronScheduleBoundsTest {

    private static final Instant NOW = instant("2024-05-01T00:00:00+00:00");

    @Nested
    @DisplayName("start_date and end_date (local values are in the schedule's zone, both inclusive)")
    class StartAndEnd {
        // A local start_date/end_date is localized like a fire time (pytz, is_dst=False): 2024-11-03T01:45:00 in
        // New York means 01:45 EST (the second occurrence), 2024-03-10T02:30:00 means 02:30 EST = 03:30 EDT.
        // Bounds are compared by instant; the repeated 01:30 fires only at 01:30 EST (06:30Z).
        @ParameterizedTest(name = "{0} {1} after {2}")
        @CsvSource(delimiter = '|', textBlock = """
            UTC                 | minute=0;start_date=2024-05-03T12:30:00  | 2024-05-01T00:00:00+00:00 | 2 | 2024-05-03T13:00:00+00:00 2024-05-03T14:00:00+00:00
            Europe/Berlin       | minute=0;start_date=2024-05-03           | 2024-05-01T00:00:00+00:00 | 2 | 2024-05-03T00:00:00+02:00 2024-05-03T01:00:00+02:00
            Europe/Berlin       | minute=0;start_date=2024-05-03T12:30:00+00:00 | 2024-05-01T00:00:00+00:00 | 2 | 2024-05-03T15:00:00+02:00 2024-05-03T16:00:00+02:00
            UTC                 | minute=0;start_date=2024-04-01T00:00:00  | 2024-05-01T10:20:00+00:00 | 2 | 2024-05-01T11:00:00+00:00 2024-05-01T12:00:00+00:00
            UTC                 | minute=0;end_date=2024-05-01T12:00:00    | 2024-05-01T10:20:00+00:00 | 4 | 2024-05-01T11:00:00+00:00 2024-05-01T12:00:00+00:00 none
            America/New_York    | minute=0;end_date=2024-05-01T12:00:00+00:00 | 2024-05-01T10:20:00+00:00 | 4 | 2024-05-01T07:00:00-04:00 2024-05-01T08:00:00-04:00 none
            Europe/Berlin       | hour=9;end_date=2024-05-03               | 2024-05-01T10:20:00+00:00 | 4 | 2024-05-02T09:00:00+02:00 none
            America/New_York    | hour=1;minute=30;end_date=2024-11-03T01:45:00 | 2024-11-02T12:00:00+00:00 | 3 | 2024-11-03T01:30:00-05:00 none
            America/New_York    | hour=1;minute=30;end_date=2024-11-03T06:00:00+00:00 | 2024-11-02T12:00:00+00:00 | 3 | none
            America/New_York    | minute=*/20;start_date=2024-11-03T01:10:00 | 2024-11-03T04:00:00+00:00 | 3 | 2024-11-03T01:20:00-05:00 2024-11-03T01:40:00-05:00 2024-11-03T02:00:00-05:00
            America/New_York    | minute=*/20;start_date=2024-03-10T02:30:00 | 2024-03-10T04:00:00+00:00 | 3 | 2024-03-10T03:40:00-04:00 2024-03-10T04:00:00-04:00 2024-03-10T04:20:00-04:00
            """)
        void fires_like_apscheduler(String zone, String spec, String after, int count, String expected) {
            assertThat(fires(schedule(zone, spec), after, count)).isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("schedules that can never fire again, or only rarely")
    class NeverFire {
        @ParameterizedTest(name = "{0} {1} after {2}")
        @CsvSource(delimiter = '|', textBlock = """
            UTC                 | month=2;day=30                           | 2024-05-01T00:00:00+00:00 | 1 | none
            UTC                 | year=2020                                | 2024-05-01T00:00:00+00:00 | 1 | none
            UTC                 | month=4;day=31                           | 2024-05-01T00:00:00+00:00 | 1 | none
            UTC                 | week=53;month=6                          | 2024-05-01T00:00:00+00:00 | 1 | none
            UTC                 | week=1;month=7                           | 2024-05-01T00:00:00+00:00 | 1 | none
            UTC                 | month=2;day=29;day_of_week=mon           | 2024-05-01T00:00:00+00:00 | 2 | 2044-02-29T00:00:00+00:00 2072-02-29T00:00:00+00:00
            UTC                 | year=9999;month=12;day=31;hour=23;minute=59;second=59 | 2024-05-01T00:00:00+00:00 | 1 | 9999-12-31T23:59:59+00:00
            UTC                 | year=2030-2031;day=5th fri;month=2       | 2024-05-01T00:00:00+00:00 | 2 | none
            """)
        void fires_like_apscheduler(String zone, String spec, String after, int count, String expected) {
            assertThat(fires(schedule(zone, spec), after, count)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
            month=feb;day=30           | month         | month 'feb' with day_of_month '30'
            month=feb;day=30           | day_of_month  | month 'feb' with day_of_month '30'
            year=2020                  | year          | year '2020' allows no year from 2024 on
            week=53;month=6            | week          | month '6' with week '53'
            minute=0;end_date=2024-04-30T00:00:00 | end_date | is later than end_date 2024-04-30T00:00:00Z
            """)
        void require_future_fire_names_the_fields(String spec, String field, String messagePart) {
            assertThatThrownBy(() -> schedule("UTC", spec).requireFutureFire(NOW))
                    .isInstanceOfSatisfying(InvalidScheduleException.class, e -> assertThat(e.errors())
                            .anySatisfy(error -> {
                                assertThat(error.field()).isEqualTo(field);
                                assertThat(error.message()).contains("can never fire").contains(messagePart);
                            }));
        }

        @Test
        void require_future_fire_accepts_a_firing_schedule() {
            CronSchedule leapDay = schedule("UTC", "month=2;day=29");
            assertThatCode(() -> leapDay.requireFutureFire(NOW)).doesNotThrowAnyException();
            assertThat(leapDay.nextFireTime(NOW)).map(ZonedDateTime::toInstant)
                    .as("the next leap day, four years away, is a fire").contains(instant("2028-02-29T00:00:00+00:00"));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
            month=feb;day=30
            week=53;month=6;day_of_week=mon
            week=1;month=7;second=*
            year=2020
            day=31;month=4,6,9,11;hour=*;minute=*;second=*
            week=53;day=1;month=3;day_of_week=fri
            """)
        void answers_quickly_when_it_would_scan_to_year_9999(String spec) {
            CronSchedule cut = schedule("America/New_York", spec);
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                assertThat(cut.nextFireTime(NOW)).isEmpty();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Nested
    @DisplayName("the timer guard's window and the inclusive APScheduler entry point")
    class Windows {
        @ParameterizedTest(name = "{0} in ({1}, {2}]")
        @CsvSource(delimiter = '|', textBlock = """
            minute=*/5  | 2024-05-01T10:04:00+00:00 | 2024-05-01T10:05:00+00:00 | 2024-05-01T10:05:00+00:00
            minute=*/5  | 2024-05-01T10:05:00+00:00 | 2024-05-01T10:06:00+00:00 | none
            second=*/10 | 2024-05-01T10:04:00+00:00 | 2024-05-01T10:05:00+00:00 | 2024-05-01T10:05:00+00:00
            second=*/10 | 2024-05-01T10:04:00+00:00 | 2024-05-01T10:04:59+00:00 | 2024-05-01T10:04:50+00:00
            hour=3      | 2024-05-01T10:04:00+00:00 | 2024-05-01T10:05:00+00:00 | none
            """)
        void finds_the_latest_fire_time_within_a_window(String spec, String from, String to, String expected) {
            String actual = schedule("UTC", spec).latestFireTimeBetween(instant(from), instant(to))
                    .map(Schedules.ISO::format).orElse("none");
            assertThat(actual).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0} at {1}")
        @CsvSource(delimiter = '|', textBlock = """
            minute=*/5 | 2024-05-01T10:05:00+00:00        | 2024-05-01T10:05:00+00:00 | 2024-05-01T10:10:00+00:00
            minute=*/5 | 2024-05-01T10:05:00.000001+00:00 | 2024-05-01T10:10:00+00:00 | 2024-05-01T10:10:00+00:00
            minute=*/5 | 2024-05-01T10:04:59.5+00:00      | 2024-05-01T10:05:00+00:00 | 2024-05-01T10:05:00+00:00
            """)
        void inclusive_entry_point_rounds_up_like_apscheduler(String spec, String now, String atOrAfter,
                                                              String strictlyAfter) {
            CronSchedule cut = schedule("UTC", spec);
            assertThat(cut.firstFireTimeAtOrAfter(instant(now)).map(Schedules.ISO::format)).contains(atOrAfter);
            assertThat(cut.nextFireTime(instant(now)).map(Schedules.ISO::format)).contains(strictlyAfter);
        }

        @Test
        void handles_instants_outside_the_year_range() {
            CronSchedule cut = schedule("UTC", "minute=5");
            assertThat(cut.nextFireTime(Instant.MAX)).isEmpty();
            assertThat(cut.nextFireTime(Instant.MIN).map(Schedules.ISO::format)).contains("1970-01-01T00:05:00+00:00");
        }

        @Test
        void next_fire_times_are_in_the_schedule_zone() {
            ZonedDateTime first = schedule("Asia/Kolkata", "hour=9").nextFireTimes(NOW, 2).get(0);
            assertThat(first.getZone().getId()).isEqualTo("Asia/Kolkata");
            assertThat(Schedules.ISO.format(first)).isEqualTo("2024-05-01T09:00:00+05:30");
        }
    }
}
