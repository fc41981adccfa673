package io.texium.scheduler.schedule;

import static io.texium.scheduler.schedule.Schedules.fires;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Crontab lines and macros become APScheduler fields: crontab day of week 0/7 = Sunday is rewritten to
 * APScheduler names (0 = Monday there), 5 fields mean second 0, and day of month AND day of week.
 */
class CrontabParserTest {

    private static CronSchedule cron(String line) {
        return CronSchedule.parse(ScheduleSpec.ofCron(line, "UTC"));
    }

    @Nested
    @DisplayName("crontab day of week (0 or 7 = Sunday) to APScheduler day_of_week (names, Monday first)")
    class DayOfWeek {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', textBlock = """
            *       | *
            0       | sun
            7       | sun
            1       | mon
            1-5     | mon-fri
            0-2     | mon-tue,sun
            5-7     | fri-sun
            0,6     | sat-sun
            */2     | tue,thu,sat-sun
            1-5/2   | mon,wed,fri
            MON-fri | mon-fri
            sun-tue | mon-tue,sun
            0-6     | *
            1/3     | mon,thu,sun
            """)
        void converts_crontab_days_of_week_to_apscheduler_names(String crontab, String apscheduler) {
            assertThat(CrontabParser.dayOfWeek(crontab)).isEqualTo(apscheduler);
        }
    }

    @Nested
    @DisplayName("lines and macros to effective fields")
    class Lines {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
            */5 * * * *          | *   | *       | *  | *       | *   | */5  | 0
            0 9 * * 1-5          | *   | *       | *  | mon-fri | 9   | 0    | 0
            30 */10 8-9 * * *    | *   | *       | *  | *       | 8-9 | */10 | 30
            0 9 13 * 5           | *   | *       | 13 | fri     | 9   | 0    | 0
            15 3 1 jan-mar *     | *   | jan-mar | 1  | *       | 3   | 15   | 0
            @yearly              | *   | 1       | 1  | *       | 0   | 0    | 0
            @annually            | *   | 1       | 1  | *       | 0   | 0    | 0
            @monthly             | *   | *       | 1  | *       | 0   | 0    | 0
            @weekly              | *   | *       | *  | sun     | 0   | 0    | 0
            @daily               | *   | *       | *  | *       | 0   | 0    | 0
            @midnight            | *   | *       | *  | *       | 0   | 0    | 0
            @hourly              | *   | *       | *  | *       | *   | 0    | 0
            """)
        void a_line_or_macro_has_these_effective_fields(String line, String year, String month, String day,
                                                        String dayOfWeek, String hour, String minute, String second) {
            assertThat(cron(line).fields()).containsExactly(Map.entry("year", year), Map.entry("month", month),
                    Map.entry("day", day), Map.entry("week", "*"), Map.entry("day_of_week", dayOfWeek),
                    Map.entry("hour", hour), Map.entry("minute", minute), Map.entry("second", second));
        }

        @Test
        void zero_is_sunday_in_crontab_but_monday_in_the_fields() {
            assertThat(fires(cron("0 0 * * 0"), "2024-05-01T00:00:00+00:00", 1)).isEqualTo("2024-05-05T00:00:00+00:00");
            assertThat(fires(Schedules.schedule("UTC", "day_of_week=0"), "2024-05-01T00:00:00+00:00", 1))
                    .isEqualTo("2024-05-06T00:00:00+00:00");
        }

        @Test
        void keeps_the_line_as_given() {
            assertThat(cron(" 0 9 * * 1-5 ").cron()).contains("0 9 * * 1-5");
            assertThat(Schedules.schedule("UTC", "minute=5").cron()).isEmpty();
        }
    }

    @Nested
    @DisplayName("fire times (expected from APScheduler 3.9.1 with the equivalent fields)")
    class FireTimes {
        // Day of month and day of week are ANDed as in APScheduler: "0 9 13 * 5" is Friday the 13th only.
        @ParameterizedTest(name = "{0} after {1}")
        @CsvSource(delimiter = '|', textBlock = """
            */5 * * * *        | 2024-05-01T10:02:00+00:00 | 2 | 2024-05-01T10:05:00+00:00 2024-05-01T10:10:00+00:00
            0 9 * * 1-5        | 2024-05-03T10:00:00+00:00 | 2 | 2024-05-06T09:00:00+00:00 2024-05-07T09:00:00+00:00
            0 9 13 * 5         | 2024-05-01T00:00:00+00:00 | 2 | 2024-09-13T09:00:00+00:00 2024-12-13T09:00:00+00:00
            @weekly            | 2024-05-01T00:00:00+00:00 | 2 | 2024-05-05T00:00:00+00:00 2024-05-12T00:00:00+00:00
            0 0 * * 7          | 2024-05-01T00:00:00+00:00 | 2 | 2024-05-05T00:00:00+00:00 2024-05-12T00:00:00+00:00
            30 */10 8-9 * * *  | 2024-05-01T09:45:00+00:00 | 3 | 2024-05-01T09:50:30+00:00 2024-05-02T08:00:30+00:00 2024-05-02T08:10:30+00:00
            @yearly            | 2024-05-01T00:00:00+00:00 | 1 | 2025-01-01T00:00:00+00:00
            """)
        void fires_like_apscheduler(String line, String after, int count, String expected) {
            assertThat(fires(cron(line), after, count)).isEqualTo(expected);
        }
    }
}
