package io.texium.scheduler.schedule;

import static io.texium.scheduler.schedule.Schedules.fires;
import static io.texium.scheduler.schedule.Schedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Month ends, leap days, weekday positions, ISO weeks and year boundaries; expected times come from
 * APScheduler 3.9.1 (pytz; 3.11.3 gives the same times here) and are written out.
 */
class CronScheduleCalendarTest {

    @Nested
    @DisplayName("last day of month and leap days (Feb 29, last in February)")
    class LastAndLeapDays {
        @ParameterizedTest(name = "{0} {1} after {2}")
        @CsvSource(delimiter = '|', textBlock = """
            UTC                 | day=last                                 | 2024-01-15T00:00:00+00:00 | 4 | 2024-01-31T00:00:00+00:00 2024-02-29T00:00:00+00:00 2024-03-31T00:00:00+00:00 2024-04-30T00:00:00+00:00
            UTC                 | month=2;day=last                         | 2023-01-01T00:00:00+00:00 | 3 | 2023-02-28T00:00:00+00:00 2024-02-29T00:00:00+00:00 2025-02-28T00:00:00+00:00
            UTC                 | month=2;day=29                           | 2023-01-01T00:00:00+00:00 | 2 | 2024-02-29T00:00:00+00:00 2028-02-29T00:00:00+00:00
            UTC                 | day=last fri                             | 2024-01-01T00:00:00+00:00 | 3 | 2024-01-26T00:00:00+00:00 2024-02-23T00:00:00+00:00 2024-03-29T00:00:00+00:00
            UTC                 | day=1,last;hour=6                        | 2024-02-15T00:00:00+00:00 | 3 | 2024-02-29T06:00:00+00:00 2024-03-01T06:00:00+00:00 2024-03-31T06:00:00+00:00
            """)
        void fires_like_apscheduler(String zone, String spec, String after, int count, String expected) {
            assertThat(fires(schedule(zone, spec), after, count)).isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("xth weekday and last weekday of the month")
    class WeekdayPositions {
        @ParameterizedTest(name = "{0} {1} after {2}")
        @CsvSource(delimiter = '|', textBlock = """
            UTC                 | day=1st mon                              | 2024-01-01T00:00:00+00:00 | 3 | 2024-02-05T00:00:00+00:00 2024-03-04T00:00:00+00:00 2024-04-01T00:00:00+00:00
            UTC                 | day=3rd Fri                              | 2024-01-01T00:00:00+00:00 | 3 | 2024-01-19T00:00:00+00:00 2024-02-16T00:00:00+00:00 2024-03-15T00:00:00+00:00
            UTC                 | day=5th sun                              | 2024-01-01T00:00:00+00:00 | 3 | 2024-03-31T00:00:00+00:00 2024-06-30T00:00:00+00:00 2024-09-29T00:00:00+00:00
            UTC                 | day=2nd tue,4th tue                      | 2024-01-01T00:00:00+00:00 | 4 | 2024-01-09T00:00:00+00:00 2024-01-23T00:00:00+00:00 2024-02-13T00:00:00+00:00 2024-02-27T00:00:00+00:00
            """)
        void fires_like_apscheduler(String zone, String spec, String after, int count, String expected) {
            assertThat(fires(schedule(zone, spec), after, count)).isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("ISO weeks, week 53 and weeks spanning the year boundary")
    class IsoWeeks {
        @ParameterizedTest(name = "{0} {1} after {2}")
        @CsvSource(delimiter = '|', textBlock = """
            UTC                 | week=53                                  | 2019-06-01T00:00:00+00:00 | 3 | 2020-12-28T00:00:00+00:00 2020-12-29T00:00:00+00:00 2020-12-30T00:00:00+00:00
            UTC                 | week=53;day_of_week=fri                  | 2019-06-01T00:00:00+00:00 | 3 | 2021-01-01T00:00:00+00:00 2027-01-01T00:00:00+00:00 2032-12-31T00:00:00+00:00
            UTC                 | week=1                                   | 2024-12-01T00:00:00+00:00 | 3 | 2024-12-30T00:00:00+00:00 2024-12-31T00:00:00+00:00 2025-01-01T00:00:00+00:00
            UTC                 | week=1;day_of_week=mon                   | 2025-12-01T00:00:00+00:00 | 3 | 2025-12-29T00:00:00+00:00 2027-01-04T00:00:00+00:00 2028-01-03T00:00:00+00:00
            UTC                 | week=52-53;day_of_week=sun;hour=8        | 2026-12-01T00:00:00+00:00 | 3 | 2026-12-27T08:00:00+00:00 2027-01-03T08:00:00+00:00 2028-01-02T08:00:00+00:00
            """)
        void fires_like_apscheduler(String zone, String spec, String after, int count, String expected) {
            assertThat(fires(schedule(zone, spec), after, count)).isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("year ends, and day AND day_of_week (APScheduler ANDs them)")
    class YearEndsAndCombinations {
        @ParameterizedTest(name = "{0} {1} after {2}")
        @CsvSource(delimiter = '|', textBlock = """
            UTC                 | month=12;day=31;hour=23;minute=59;second=59 | 2024-06-01T00:00:00+00:00 | 2 | 2024-12-31T23:59:59+00:00 2025-12-31T23:59:59+00:00
            UTC                 | month=1;day=1                            | 2024-12-31T23:59:59+00:00 | 2 | 2025-01-01T00:00:00+00:00 2026-01-01T00:00:00+00:00
            UTC                 | day=1st mon;day_of_week=mon              | 2024-01-01T00:00:00+00:00 | 2 | 2024-02-05T00:00:00+00:00 2024-03-04T00:00:00+00:00
            UTC                 | day=13;day_of_week=fri                   | 2024-01-01T00:00:00+00:00 | 3 | 2024-09-13T00:00:00+00:00 2024-12-13T00:00:00+00:00 2025-06-13T00:00:00+00:00
            UTC                 | day_of_week=6;day=1-7                    | 2024-01-01T00:00:00+00:00 | 3 | 2024-01-07T00:00:00+00:00 2024-02-04T00:00:00+00:00 2024-03-03T00:00:00+00:00
            """)
        void fires_like_apscheduler(String zone, String spec, String after, int count, String expected) {
            assertThat(fires(schedule(zone, spec), after, count)).isEqualTo(expected);
        }
    }
}
