package io.texium.scheduler.schedule;

import static io.texium.scheduler.schedule.Schedules.fires;
import static io.texium.scheduler.schedule.Schedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DST as APScheduler 3.9.1/3.10 with pytz handle it (the semantics of the original Python service): a wall
 * time skipped by a spring-forward gap fires once, at the instant the pre-change offset gives it (02:30 EST =
 * 03:30 EDT); a wall time in a repeated fall-back hour that the search sets a field to fires once, at the
 * standard-time occurrence (the second one, except in zones with negative DST such as Europe/Dublin).
 * APScheduler 3.11 (zoneinfo) fires such times twice; we knowingly do not follow it.
 *
 * <p>Expected times were produced by APScheduler 3.9.1 (Debian python3-apscheduler, pytz 2022.7.1, tzdata
 * 2025b) and are written out; the only deliberate deviation (Dublin, a result before "now") is marked.
 */
class CronScheduleDstTest {

    @Nested
    @DisplayName("America/New_York spring forward (2024-03-10 02:00 EST -> 03:00 EDT): a skipped time fires once, shifted")
    class NewYorkSpringForward {
        // 02:30 does not exist; it fires once, at 02:30 with the pre-change offset (-05:00) = 03:30 EDT.
        @ParameterizedTest(name = "{0} {1} after {2}")
        @CsvSource(delimiter = '|', textBlock = """
            America/New_York    | hour=2;minute=30                         | 2024-03-09T12:00:00+00:00 | 3 | 2024-03-10T03:30:00-04:00 2024-03-11T02:30:00-04:00 2024-03-12T02:30:00-04:00
            America/New_York    | minute=30                                | 2024-03-10T05:00:00+00:00 | 3 | 2024-03-10T00:30:00-05:00 2024-03-10T01:30:00-05:00 2024-03-10T03:30:00-04:00
            America/New_York    | minute=*/20;hour=1-3                     | 2024-03-10T05:00:00+00:00 | 6 | 2024-03-10T01:00:00-05:00 2024-03-10T01:20:00-05:00 2024-03-10T01:40:00-05:00 2024-03-10T03:00:00-04:00 2024-03-10T03:20:00-04:00 2024-03-10T03:40:00-04:00
            America/New_York    | hour=2                                   | 2024-03-09T12:00:00+00:00 | 2 | 2024-03-10T03:00:00-04:00 2024-03-11T02:00:00-04:00
            """)
        void fires_like_apscheduler_3_9_1(String zone, String spec, String after, int count, String expected) {
            assertThat(fires(schedule(zone, spec), after, count)).isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("America/New_York fall back (2024-11-03 02:00 EDT -> 01:00 EST): a repeated time fires once, at the second occurrence")
    class NewYorkFallBack {
        // Setting a field to a repeated wall time localizes it with is_dst=False: 01:30 EST (the second 01:30), never 01:30 EDT.
        // Hourly through the repeated hour: minute=30 fires 00:30 EDT, 01:30 EST, 02:30 EST (01:30 EDT is skipped).
        // A wall time reached only by incrementing is not localized: minute=0 of an hourly schedule fires at 01:00 EDT
        // and again at 01:00 EST, exactly as APScheduler 3.9.1 does.
        @ParameterizedTest(name = "{0} {1} after {2}")
        @CsvSource(delimiter = '|', textBlock = """
            America/New_York    | hour=1;minute=30                         | 2024-11-02T12:00:00+00:00 | 3 | 2024-11-03T01:30:00-05:00 2024-11-04T01:30:00-05:00 2024-11-05T01:30:00-05:00
            America/New_York    | hour=1;minute=30                         | 2024-11-03T05:30:00+00:00 | 2 | 2024-11-03T01:30:00-05:00 2024-11-04T01:30:00-05:00
            America/New_York    | hour=1                                   | 2024-11-02T12:00:00+00:00 | 2 | 2024-11-03T01:00:00-05:00 2024-11-04T01:00:00-05:00
            America/New_York    | minute=*/20;hour=1                       | 2024-11-03T04:30:00+00:00 | 5 | 2024-11-03T01:00:00-05:00 2024-11-03T01:20:00-05:00 2024-11-03T01:40:00-05:00 2024-11-04T01:00:00-05:00 2024-11-04T01:20:00-05:00
            America/New_York    | minute=30                                | 2024-11-03T04:00:00+00:00 | 4 | 2024-11-03T00:30:00-04:00 2024-11-03T01:30:00-05:00 2024-11-03T02:30:00-05:00 2024-11-03T03:30:00-05:00
            America/New_York    | minute=0;hour=*/1                        | 2024-11-03T04:30:00+00:00 | 4 | 2024-11-03T01:00:00-04:00 2024-11-03T01:00:00-05:00 2024-11-03T02:00:00-05:00 2024-11-03T03:00:00-05:00
            America/New_York    | minute=*/15                              | 2024-11-03T05:40:00+00:00 | 5 | 2024-11-03T01:45:00-05:00 2024-11-03T02:00:00-05:00 2024-11-03T02:15:00-05:00 2024-11-03T02:30:00-05:00 2024-11-03T02:45:00-05:00
            """)
        void fires_like_apscheduler_3_9_1(String zone, String spec, String after, int count, String expected) {
            assertThat(fires(schedule(zone, spec), after, count)).isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("Europe/Berlin (2024-03-31 02:00 -> 03:00, 2024-10-27 03:00 -> 02:00)")
    class Berlin {
        // Fall back: 02:30 fires once, at 02:30 CET (+01:00), the second occurrence; hourly minute=0 fires 02:00 CEST and 02:00 CET.
        @ParameterizedTest(name = "{0} {1} after {2}")
        @CsvSource(delimiter = '|', textBlock = """
            Europe/Berlin       | hour=2;minute=30                         | 2024-03-30T12:00:00+00:00 | 3 | 2024-03-31T03:30:00+02:00 2024-04-01T02:30:00+02:00 2024-04-02T02:30:00+02:00
            Europe/Berlin       | day_of_week=sun;hour=2;minute=15         | 2024-03-24T00:00:00+00:00 | 3 | 2024-03-24T02:15:00+01:00 2024-03-31T03:15:00+02:00 2024-04-07T02:15:00+02:00
            Europe/Berlin       | minute=*/20;hour=1-3                     | 2024-03-31T00:00:00+00:00 | 6 | 2024-03-31T01:20:00+01:00 2024-03-31T01:40:00+01:00 2024-03-31T03:00:00+02:00 2024-03-31T03:20:00+02:00 2024-03-31T03:40:00+02:00 2024-04-01T01:00:00+02:00
            Europe/Berlin       | hour=2;minute=30                         | 2024-10-26T20:00:00+00:00 | 2 | 2024-10-27T02:30:00+01:00 2024-10-28T02:30:00+01:00
            Europe/Berlin       | minute=0,30;hour=2                       | 2024-10-26T20:00:00+00:00 | 3 | 2024-10-27T02:00:00+01:00 2024-10-27T02:30:00+01:00 2024-10-28T02:00:00+01:00
            Europe/Berlin       | hour=3                                   | 2024-10-26T20:00:00+00:00 | 2 | 2024-10-27T03:00:00+01:00 2024-10-28T03:00:00+01:00
            Europe/Berlin       | minute=30                                | 2024-10-26T23:00:00+00:00 | 4 | 2024-10-27T01:30:00+02:00 2024-10-27T02:30:00+01:00 2024-10-27T03:30:00+01:00 2024-10-27T04:30:00+01:00
            Europe/Berlin       | minute=0                                 | 2024-10-26T23:30:00+00:00 | 4 | 2024-10-27T02:00:00+02:00 2024-10-27T02:00:00+01:00 2024-10-27T03:00:00+01:00 2024-10-27T04:00:00+01:00
            """)
        void fires_like_apscheduler_3_9_1(String zone, String spec, String after, int count, String expected) {
            assertThat(fires(schedule(zone, spec), after, count)).isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("Australia/Lord_Howe 30-minute shifts (2024-10-06 02:00 -> 02:30, 2024-04-07 02:00 -> 01:30)")
    class LordHowe {
        // Spring: 02:15 does not exist and fires at 02:15+10:30 = 02:45+11:00. Fall back: 01:30..01:59 repeat;
        // 01:45 fires once, at 01:45+10:30 (the second occurrence); minute=45 hourly fires 00:45+11, 01:45+10:30, 02:45+10:30.
        @ParameterizedTest(name = "{0} {1} after {2}")
        @CsvSource(delimiter = '|', textBlock = """
            Australia/Lord_Howe | hour=2;minute=15                         | 2024-10-05T12:00:00+00:00 | 3 | 2024-10-06T02:45:00+11:00 2024-10-07T02:15:00+11:00 2024-10-08T02:15:00+11:00
            Australia/Lord_Howe | minute=*/15;hour=1-2                     | 2024-10-05T14:00:00+00:00 | 6 | 2024-10-06T01:00:00+10:30 2024-10-06T01:15:00+10:30 2024-10-06T01:30:00+10:30 2024-10-06T01:45:00+10:30 2024-10-06T02:30:00+11:00 2024-10-06T02:45:00+11:00
            Australia/Lord_Howe | hour=1;minute=45                         | 2024-04-06T12:00:00+00:00 | 3 | 2024-04-07T01:45:00+10:30 2024-04-08T01:45:00+10:30 2024-04-09T01:45:00+10:30
            Australia/Lord_Howe | minute=*/15;hour=1                       | 2024-04-06T14:00:00+00:00 | 6 | 2024-04-07T01:15:00+11:00 2024-04-07T01:30:00+10:30 2024-04-07T01:45:00+10:30 2024-04-08T01:00:00+10:30 2024-04-08T01:15:00+10:30 2024-04-08T01:30:00+10:30
            Australia/Lord_Howe | minute=45                                | 2024-04-06T13:30:00+00:00 | 4 | 2024-04-07T00:45:00+11:00 2024-04-07T01:45:00+10:30 2024-04-07T02:45:00+10:30 2024-04-07T03:45:00+10:30
            Australia/Lord_Howe | minute=0                                 | 2024-04-06T13:30:00+00:00 | 4 | 2024-04-07T01:00:00+11:00 2024-04-07T02:00:00+10:30 2024-04-07T03:00:00+10:30 2024-04-07T04:00:00+10:30
            """)
        void fires_like_apscheduler_3_9_1(String zone, String spec, String after, int count, String expected) {
            assertThat(fires(schedule(zone, spec), after, count)).isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("Europe/Dublin (tzdata: IST is standard time, winter GMT is negative DST)")
    class DublinNegativeDst {
        // pytz's dst() is 0 for IST, so a repeated 01:30 on 2024-10-27 localizes to the FIRST occurrence (01:30 IST).
        // APScheduler 3.9.1 then returns 01:30 IST again when searching from the second pass (a fire time before 'now':
        // '2024-10-27T01:30:00+01:00 2024-10-27T01:30:00+01:00' for the second row, '... 01:30:00+01:00' repeated for the
        // third). We deliberately resume after the repeated hour instead: the hour fires once, at its first occurrence.
        @ParameterizedTest(name = "{0} {1} after {2}")
        @CsvSource(delimiter = '|', textBlock = """
            Europe/Dublin       | hour=1;minute=30                         | 2024-03-30T12:00:00+00:00 | 2 | 2024-03-31T02:30:00+01:00 2024-04-01T01:30:00+01:00
            Europe/Dublin       | hour=1;minute=30                         | 2024-10-26T12:00:00+00:00 | 2 | 2024-10-27T01:30:00+01:00 2024-10-28T01:30:00+00:00
            Europe/Dublin       | minute=30                                | 2024-10-26T23:00:00+00:00 | 4 | 2024-10-27T00:30:00+01:00 2024-10-27T01:30:00+01:00 2024-10-27T02:30:00+00:00 2024-10-27T03:30:00+00:00
            """)
        void fires_like_apscheduler_3_9_1(String zone, String spec, String after, int count, String expected) {
            assertThat(fires(schedule(zone, spec), after, count)).isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("Asia/Kolkata has no DST")
    class NoDst {
        @ParameterizedTest(name = "{0} {1} after {2}")
        @CsvSource(delimiter = '|', textBlock = """
            Asia/Kolkata        | hour=9;minute=30                         | 2024-03-10T00:00:00+00:00 | 2 | 2024-03-10T09:30:00+05:30 2024-03-11T09:30:00+05:30
            """)
        void fires_like_apscheduler_3_9_1(String zone, String spec, String after, int count, String expected) {
            assertThat(fires(schedule(zone, spec), after, count)).isEqualTo(expected);
        }
    }
}
