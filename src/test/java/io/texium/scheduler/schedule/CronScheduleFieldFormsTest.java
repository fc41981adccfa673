package io.texium.scheduler.schedule;

import static io.texium.scheduler.schedule.Schedules.fires;
import static io.texium.scheduler.schedule.Schedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each field form and the defaulting rule; the expected times were produced by APScheduler 3.9.1's
 * (pytz; 3.11.3 gives the same times here) CronTrigger (get_next_fire_time, then from each previous fire time) and written out here.
 */
class CronScheduleFieldFormsTest {

    @Nested
    @DisplayName("field forms: *, */n, a, a-b, a-b/n, a/n, lists, names")
    class Forms {
        @ParameterizedTest(name = "{1} after {2}")
        @CsvSource(delimiter = '|', textBlock = """
            UTC                 | minute=*                                 | 2024-05-01T10:00:30+00:00 | 3 | 2024-05-01T10:01:00+00:00 2024-05-01T10:02:00+00:00 2024-05-01T10:03:00+00:00
            UTC                 | second=*/20                              | 2024-05-01T10:00:30+00:00 | 4 | 2024-05-01T10:00:40+00:00 2024-05-01T10:01:00+00:00 2024-05-01T10:01:20+00:00 2024-05-01T10:01:40+00:00
            UTC                 | minute=*/15                              | 2024-05-01T10:07:00+00:00 | 3 | 2024-05-01T10:15:00+00:00 2024-05-01T10:30:00+00:00 2024-05-01T10:45:00+00:00
            UTC                 | hour=7                                   | 2024-05-01T10:00:00+00:00 | 2 | 2024-05-02T07:00:00+00:00 2024-05-03T07:00:00+00:00
            UTC                 | hour=9-11                                | 2024-05-01T10:00:00+00:00 | 3 | 2024-05-01T11:00:00+00:00 2024-05-02T09:00:00+00:00 2024-05-02T10:00:00+00:00
            UTC                 | minute=10-40/15                          | 2024-05-01T10:00:00+00:00 | 4 | 2024-05-01T10:10:00+00:00 2024-05-01T10:25:00+00:00 2024-05-01T10:40:00+00:00 2024-05-01T11:10:00+00:00
            UTC                 | minute=50/4                              | 2024-05-01T10:00:00+00:00 | 4 | 2024-05-01T10:50:00+00:00 2024-05-01T10:54:00+00:00 2024-05-01T10:58:00+00:00 2024-05-01T11:50:00+00:00
            UTC                 | minute=5,35,50                           | 2024-05-01T10:20:00+00:00 | 4 | 2024-05-01T10:35:00+00:00 2024-05-01T10:50:00+00:00 2024-05-01T11:05:00+00:00 2024-05-01T11:35:00+00:00
            UTC                 | hour=*/5;minute=0                        | 2024-05-01T10:00:00+00:00 | 4 | 2024-05-01T15:00:00+00:00 2024-05-01T20:00:00+00:00 2024-05-02T00:00:00+00:00 2024-05-02T05:00:00+00:00
            UTC                 | month=*/4                                | 2024-05-01T10:00:00+00:00 | 3 | 2024-09-01T00:00:00+00:00 2025-01-01T00:00:00+00:00 2025-05-01T00:00:00+00:00
            UTC                 | month=jun-aug;day=15                     | 2024-05-01T10:00:00+00:00 | 3 | 2024-06-15T00:00:00+00:00 2024-07-15T00:00:00+00:00 2024-08-15T00:00:00+00:00
            UTC                 | month=FEB,nov                            | 2024-05-01T10:00:00+00:00 | 3 | 2024-11-01T00:00:00+00:00 2025-02-01T00:00:00+00:00 2025-11-01T00:00:00+00:00
            UTC                 | day=1-5/2                                | 2024-05-01T10:00:00+00:00 | 4 | 2024-05-03T00:00:00+00:00 2024-05-05T00:00:00+00:00 2024-06-01T00:00:00+00:00 2024-06-03T00:00:00+00:00
            UTC                 | day=*/10                                 | 2024-05-01T10:00:00+00:00 | 4 | 2024-05-11T00:00:00+00:00 2024-05-21T00:00:00+00:00 2024-05-31T00:00:00+00:00 2024-06-01T00:00:00+00:00
            UTC                 | day=31                                   | 2024-05-01T10:00:00+00:00 | 3 | 2024-05-31T00:00:00+00:00 2024-07-31T00:00:00+00:00 2024-08-31T00:00:00+00:00
            UTC                 | day_of_week=0                            | 2024-05-01T10:00:00+00:00 | 2 | 2024-05-06T00:00:00+00:00 2024-05-13T00:00:00+00:00
            UTC                 | day_of_week=mon                          | 2024-05-01T10:00:00+00:00 | 2 | 2024-05-06T00:00:00+00:00 2024-05-13T00:00:00+00:00
            UTC                 | day_of_week=Sat-SUN;hour=12              | 2024-05-01T10:00:00+00:00 | 3 | 2024-05-04T12:00:00+00:00 2024-05-05T12:00:00+00:00 2024-05-11T12:00:00+00:00
            UTC                 | day_of_week=5-6;hour=12                  | 2024-05-01T10:00:00+00:00 | 3 | 2024-05-04T12:00:00+00:00 2024-05-05T12:00:00+00:00 2024-05-11T12:00:00+00:00
            UTC                 | day_of_week=*/3;hour=12                  | 2024-05-01T10:00:00+00:00 | 4 | 2024-05-02T12:00:00+00:00 2024-05-05T12:00:00+00:00 2024-05-06T12:00:00+00:00 2024-05-09T12:00:00+00:00
            UTC                 | year=2026                                | 2024-05-01T10:00:00+00:00 | 2 | 2026-01-01T00:00:00+00:00 none
            UTC                 | year=2025-2027/2;month=3                 | 2024-05-01T10:00:00+00:00 | 3 | 2025-03-01T00:00:00+00:00 2027-03-01T00:00:00+00:00 none
            UTC                 | year=*/4;month=1;day=1                   | 2024-05-01T10:00:00+00:00 | 2 | 2026-01-01T00:00:00+00:00 2030-01-01T00:00:00+00:00
            """)
        void fires_like_apscheduler(String zone, String spec, String after, int count, String expected) {
            assertThat(fires(schedule(zone, spec), after, count)).isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("defaulting: fields below the least significant given one are at their minimum, above it '*'")
    class Defaults {
        @ParameterizedTest(name = "{1} after {2}")
        @CsvSource(delimiter = '|', textBlock = """
            UTC                 | minute=30                                | 2024-05-01T10:00:00+00:00 | 2 | 2024-05-01T10:30:00+00:00 2024-05-01T11:30:00+00:00
            UTC                 | hour=5                                   | 2024-05-01T10:00:00+00:00 | 2 | 2024-05-02T05:00:00+00:00 2024-05-03T05:00:00+00:00
            UTC                 | day=10                                   | 2024-05-01T10:00:00+00:00 | 2 | 2024-05-10T00:00:00+00:00 2024-06-10T00:00:00+00:00
            UTC                 | month=7                                  | 2024-05-01T10:00:00+00:00 | 2 | 2024-07-01T00:00:00+00:00 2025-07-01T00:00:00+00:00
            UTC                 | week=20                                  | 2024-05-01T10:00:00+00:00 | 2 | 2024-05-13T00:00:00+00:00 2024-05-14T00:00:00+00:00
            UTC                 | day_of_week=wed;second=30                | 2024-05-01T10:00:00+00:00 | 3 | 2024-05-01T10:00:30+00:00 2024-05-01T10:01:30+00:00 2024-05-01T10:02:30+00:00
            UTC                 | hour=10;second=15                        | 2024-05-01T10:00:00+00:00 | 3 | 2024-05-01T10:00:15+00:00 2024-05-01T10:01:15+00:00 2024-05-01T10:02:15+00:00
            UTC                 | year=2025;minute=5                       | 2024-05-01T10:00:00+00:00 | 2 | 2025-01-01T00:05:00+00:00 2025-01-01T01:05:00+00:00
            """)
        void fires_like_apscheduler(String zone, String spec, String after, int count, String expected) {
            assertThat(fires(schedule(zone, spec), after, count)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
            minute=*/5                 | *    | *   | *   | *    | *           | *    | */5 | 0
            day_of_week=mon-fri        | *    | *   | *   | *    | mon-fri     | 0    | 0   | 0
            week=5                     | *    | *   | *   | 5    | *           | 0    | 0   | 0
            month=feb;hour=9           | *    | feb | *   | *    | *           | 9    | 0   | 0
            year=2030                  | 2030 | 1   | 1   | *    | *           | 0    | 0   | 0
            second=10                  | *    | *   | *   | *    | *           | *    | *   | 10
            day=1st MON;second=5       | *    | *   | 1st mon | * | *           | *    | *   | 5
            """)
        void fields_not_given_take_their_minimum_below_and_any_above(String spec, String year, String month, String day,
                                                                     String week, String dayOfWeek, String hour,
                                                                     String minute, String second) {
            assertThat(schedule("UTC", spec).fields()).containsExactly(
                    java.util.Map.entry("year", year), java.util.Map.entry("month", month), java.util.Map.entry("day", day),
                    java.util.Map.entry("week", week), java.util.Map.entry("day_of_week", dayOfWeek),
                    java.util.Map.entry("hour", hour), java.util.Map.entry("minute", minute),
                    java.util.Map.entry("second", second));
        }
    }
}
