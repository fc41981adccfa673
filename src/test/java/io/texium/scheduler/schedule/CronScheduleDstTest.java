package io.texium.scheduler.schedule;

import static io.texium.scheduler.schedule.Schedules.fires;
import static io.texium.scheduler.schedule.Schedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DST as APScheduler 3.11 (zoneinfo) handles it: a wall time skipped by a spring-forward gap fires once at
 * the instant the pre-change offset gives it (02:30 EST = 03:30 EDT); a wall time in a repeated fall-back
 * hour fires twice, once per occurrence. Expected times come from APScheduler 3.11.3 and are written out.
 */
class CronScheduleDstTest {

    @Nested
    @DisplayName("America/New_York spring forward (2024-03-10 02:00 -> 03:00)")
    class NewYorkSpringForward {
        @ParameterizedTest(name = "{0} {1} after {2}")
        @CsvSource(delimiter = '|', textBlock = """
            America/New_York    | hour=2;minute=30                         | 2024-03-09T12:00:00+00:00 | 3 | 2024-03-10T03:30:00-04:00 2024-03-11T02:30:00-04:00 2024-03-12T02:30:00-04:00
            America/New_York    | minute=30                                | 2024-03-10T05:00:00+00:00 | 3 | 2024-03-10T00:30:00-05:00 2024-03-10T01:30:00-05:00 2024-03-10T03:30:00-04:00
            America/New_York    | minute=*/20;hour=1-3                     | 2024-03-10T05:00:00+00:00 | 6 | 2024-03-10T01:00:00-05:00 2024-03-10T01:20:00-05:00 2024-03-10T01:40:00-05:00 2024-03-10T03:00:00-04:00 2024-03-10T03:20:00-04:00 2024-03-10T03:40:00-04:00
            America/New_York    | hour=2                                   | 2024-03-09T12:00:00+00:00 | 2 | 2024-03-10T03:00:00-04:00 2024-03-11T02:00:00-04:00
            """)
        void firesLikeApscheduler(String zone, String spec, String after, int count, String expected) {
            assertThat(fires(schedule(zone, spec), after, count)).isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("America/New_York fall back (2024-11-03 02:00 -> 01:00): repeated hour fires twice")
    class NewYorkFallBack {
        @ParameterizedTest(name = "{0} {1} after {2}")
        @CsvSource(delimiter = '|', textBlock = """
            America/New_York    | hour=1;minute=30                         | 2024-11-02T12:00:00+00:00 | 3 | 2024-11-03T01:30:00-04:00 2024-11-03T01:30:00-05:00 2024-11-04T01:30:00-05:00
            America/New_York    | minute=30                                | 2024-11-03T04:00:00+00:00 | 4 | 2024-11-03T00:30:00-04:00 2024-11-03T01:30:00-04:00 2024-11-03T01:30:00-05:00 2024-11-03T02:30:00-05:00
            America/New_York    | minute=0;hour=*/1                        | 2024-11-03T04:30:00+00:00 | 4 | 2024-11-03T01:00:00-04:00 2024-11-03T01:00:00-05:00 2024-11-03T02:00:00-05:00 2024-11-03T03:00:00-05:00
            America/New_York    | hour=1;minute=30                         | 2024-11-03T05:30:00+00:00 | 2 | 2024-11-03T01:30:00-05:00 2024-11-04T01:30:00-05:00
            """)
        void firesLikeApscheduler(String zone, String spec, String after, int count, String expected) {
            assertThat(fires(schedule(zone, spec), after, count)).isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("Europe/Berlin (2024-03-31 02:00 -> 03:00, 2024-10-27 03:00 -> 02:00)")
    class Berlin {
        @ParameterizedTest(name = "{0} {1} after {2}")
        @CsvSource(delimiter = '|', textBlock = """
            Europe/Berlin       | hour=2;minute=30                         | 2024-03-30T12:00:00+00:00 | 3 | 2024-03-31T03:30:00+02:00 2024-04-01T02:30:00+02:00 2024-04-02T02:30:00+02:00
            Europe/Berlin       | minute=0,30;hour=2                       | 2024-10-26T20:00:00+00:00 | 5 | 2024-10-27T02:00:00+02:00 2024-10-27T02:30:00+02:00 2024-10-27T02:00:00+01:00 2024-10-27T02:30:00+01:00 2024-10-28T02:00:00+01:00
            Europe/Berlin       | hour=3                                   | 2024-10-26T20:00:00+00:00 | 2 | 2024-10-27T03:00:00+01:00 2024-10-28T03:00:00+01:00
            Europe/Berlin       | day_of_week=sun;hour=2;minute=15         | 2024-03-24T00:00:00+00:00 | 3 | 2024-03-24T02:15:00+01:00 2024-03-31T03:15:00+02:00 2024-04-07T02:15:00+02:00
            """)
        void firesLikeApscheduler(String zone, String spec, String after, int count, String expected) {
            assertThat(fires(schedule(zone, spec), after, count)).isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("Australia/Lord_Howe 30-minute shifts (2024-10-06 02:00 -> 02:30, 2024-04-07 02:00 -> 01:30)")
    class LordHowe {
        @ParameterizedTest(name = "{0} {1} after {2}")
        @CsvSource(delimiter = '|', textBlock = """
            Australia/Lord_Howe | hour=2;minute=15                         | 2024-10-05T12:00:00+00:00 | 3 | 2024-10-06T02:45:00+11:00 2024-10-07T02:15:00+11:00 2024-10-08T02:15:00+11:00
            Australia/Lord_Howe | minute=*/15;hour=1-2                     | 2024-10-05T14:00:00+00:00 | 6 | 2024-10-06T01:00:00+10:30 2024-10-06T01:15:00+10:30 2024-10-06T01:30:00+10:30 2024-10-06T01:45:00+10:30 2024-10-06T02:30:00+11:00 2024-10-06T02:45:00+11:00
            Australia/Lord_Howe | hour=1;minute=45                         | 2024-04-06T12:00:00+00:00 | 3 | 2024-04-07T01:45:00+11:00 2024-04-07T01:45:00+10:30 2024-04-08T01:45:00+10:30
            Australia/Lord_Howe | minute=*/15;hour=1                       | 2024-04-06T14:00:00+00:00 | 6 | 2024-04-07T01:15:00+11:00 2024-04-07T01:30:00+11:00 2024-04-07T01:45:00+11:00 2024-04-07T01:30:00+10:30 2024-04-07T01:45:00+10:30 2024-04-08T01:00:00+10:30
            """)
        void firesLikeApscheduler(String zone, String spec, String after, int count, String expected) {
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
        void firesLikeApscheduler(String zone, String spec, String after, int count, String expected) {
            assertThat(fires(schedule(zone, spec), after, count)).isEqualTo(expected);
        }
    }
}
