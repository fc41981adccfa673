package io.texium.scheduler.schedule;

import static io.texium.scheduler.schedule.Schedules.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation: every error names its REST field and says why; all errors are reported at once. */
class CronScheduleValidationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        minute=60                                  | minute       | 60 is out of range 0-59
        hour=24                                    | hour         | 24 is out of range 0-23
        second=5-75                                | second       | 75 is out of range 0-59
        day=0                                      | day_of_month | 0 is out of range 1-31
        week=54                                    | week         | 54 is out of range 1-53
        year=1969                                  | year         | 1969 is out of range 1970-9999
        day_of_week=7                              | day_of_week  | 7 is out of range 0-6 (0 = Monday ... 6 = Sunday)
        day_of_week=mno                            | day_of_week  | unknown weekday name 'mno'
        day_of_week=mon-frx                        | day_of_week  | unknown weekday name 'frx'
        month=foo                                  | month        | unknown month name 'foo'
        month=jan-mar/2                            | month        | a step is not allowed after names
        day=1st xyz                                | day_of_month | unknown weekday name 'xyz'
        day=6th mon                                | day_of_month | '6th mon' is not a valid day_of_month expression
        hour=mon                                   | hour         | 'mon' is not a valid hour expression
        minute=*/0                                 | minute       | a step must be higher than 0
        minute=*/60                                | minute       | step 60 in '*/60' is larger than the range it steps through (59)
        minute=50/10                               | minute       | step 10 in '50/10' is larger than the range it steps through (9)
        minute=5-3                                 | minute       | range '5-3' starts after it ends
        day_of_week=fri-mon                        | day_of_week  | range 'fri-mon' starts after it ends
        minute=1,,2                                | minute       | empty list element
        second=                                    | second       | must not be empty
        start_date=yesterday                       | start_date   | 'yesterday' is not an ISO-8601 date-time
        end_date=2024-13-01                        | end_date     | '2024-13-01' is not an ISO-8601 date-time
        start_date=2024-05-02;end_date=2024-05-01  | end_date     | end_date 2024-05-01 is before start_date 2024-05-02
        start_date=-999999999-01-01T00:00:00Z      | start_date   | '-999999999-01-01T00:00:00Z' lies outside the years 1970 to 9999
        start_date=1969-12-31T23:59:59Z            | start_date   | lies outside the years 1970 to 9999
        end_date=+999999999-12-31                  | end_date     | '+999999999-12-31' lies outside the years 1970 to 9999
        end_date=9999-12-31T23:00:00-05:00         | end_date     | lies outside the years 1970 to 9999
        end_date=+10000-01-01T00:00:00             | end_date     | lies outside the years 1970 to 9999
        cron=*/5 * * * *;minute=5                  | cron         | give either cron or the separate fields, not both (also given: minute)
        cron=*/5 * * *                             | cron         | expected 5 fields
        cron=@often                                | cron         | unknown macro '@often'
        cron=61 * * * *                            | cron         | minute: 61 is out of range 0-59
        cron=0 9 * * 8                             | cron         | day-of-week: '8' is not a day of week
        """)
    void rejects_with_field_and_reason(String spec, String field, String message) {
        assertThatThrownBy(() -> CronSchedule.parse(fields("UTC", spec)))
                .isInstanceOfSatisfying(InvalidScheduleException.class, e -> assertThat(e.errors())
                        .anySatisfy(error -> {
                            assertThat(error.field()).isEqualTo(field);
                            assertThat(error.message()).contains(message);
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        Mars/Olympus | unknown time zone 'Mars/Olympus'
        +02:00       | is a fixed offset, not a time zone name
        UTC+2        | is a fixed offset, not a time zone name
        """)
    void rejects_unknown_time_zones(String zone, String message) {
        assertThatThrownBy(() -> CronSchedule.parse(fields(zone, "minute=5")))
                .isInstanceOfSatisfying(InvalidScheduleException.class, e -> assertThat(e.errors())
                        .singleElement()
                        .satisfies(error -> {
                            assertThat(error.field()).isEqualTo("timezone");
                            assertThat(error.message()).contains(message);
                        }));
    }

    @Test
    void reports_all_errors_at_once_with_a_readable_message() {
        assertThatThrownBy(() -> CronSchedule.parse(fields("Nowhere/Town", "minute=60;hour=24;day_of_week=mno")))
                .isInstanceOfSatisfying(InvalidScheduleException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field)
                            .containsExactlyInAnyOrder("timezone", "minute", "hour", "day_of_week");
                    assertThat(e.getMessage()).startsWith("Invalid schedule: ").contains("minute: 60 is out of range 0-59");
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        minute=5;hour= 9 , 17                      | UTC
        day=LAST;day_of_week=Mon-FRI               | UTC
        day=1ST mon,last sun                       | UTC
        month=Jan,DEC;second=59                    | Europe/Berlin
        year=2030;start_date=2024-05-01 10:00:00   | America/New_York
        end_date=2030-01-01T00:00:00.5+01:00       | Australia/Lord_Howe
        minute=0                                   | Etc/GMT-2
        start_date=1970-01-01;end_date=9999-12-31T23:59:59Z | UTC
        end_date=9999-12-31T23:00:00               | America/New_York
        """)
    void accepts_apscheduler_syntax(String spec, String zone) {
        assertThat(CronSchedule.parse(fields(zone, spec)).zone()).isEqualTo(ZoneId.of(zone));
    }

    @Test
    void defaults_to_utc_when_no_time_zone_is_given() {
        assertThat(CronSchedule.parse(fields(" ", "minute=5")).zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(CronSchedule.parse(fields(null, "minute=5")).zone()).isEqualTo(ZoneId.of("UTC"));
    }
}
