package io.texium.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleSpecTest {

    static final ScheduleSpec WEEKDAYS = ScheduleSpec.ofFields(null, null, null, null, "mon-fri", "9-17", "*/5", null,
            "Europe/Berlin");

    @Test
    void two_specs_with_the_same_values_are_equal() {
        var same = new ScheduleSpec(null, null, null, null, "mon-fri", "9-17", "*/5", null, "Europe/Berlin", null, null, null);
        assertThat(same).isEqualTo(WEEKDAYS).hasSameHashCodeAs(WEEKDAYS);
        assertThat(WEEKDAYS.withTimezone("UTC")).isNotEqualTo(WEEKDAYS);
    }

    @Nested
    @DisplayName("the API names")
    class Names {

        @Test
        void are_listed_once_in_the_order_audit_entries_show_them() {
            assertThat(ScheduleSpec.NAMES).containsExactly("cron", "year", "month", "day_of_month", "week", "day_of_week",
                    "hour", "minute", "second", "timezone", "start_date", "end_date");
        }

        @Test
        void read_back_what_they_wrote() {
            var all = new ScheduleSpec("2027", "1-6", "last", "1", "mon", "9", "30", "0", "UTC", "2027-01-01", "2027-06-30",
                    "0 9 * * 1");
            assertThat(ScheduleSpec.of(all.byName()::get)).isEqualTo(all);
            assertThat(all.byName()).containsEntry("day_of_month", "last").containsEntry("start_date", "2027-01-01");
        }

        @Test
        void keep_unset_values_as_null() {
            assertThat(ScheduleSpec.NONE.byName()).hasSize(12).containsOnlyKeys(ScheduleSpec.NAMES)
                    .allSatisfy((name, value) -> assertThat(value).isNull());
        }

        @ParameterizedTest
        @CsvSource({"minute, true, true", "day_of_month, true, true", "day, true, true", "cron, true, false",
                "timezone, true, false", "end_date, true, false", "name, false, false", "count, false, false"})
        void tell_a_schedule_key_and_a_cron_field(String key, boolean name, boolean field) {
            assertThat(ScheduleSpec.isName(key)).isEqualTo(name);
            assertThat(ScheduleSpec.isField(key)).isEqualTo(field);
        }
    }

    @Nested
    @DisplayName("a changed value")
    class With {

        @Test
        void a_field_replaces_the_crontab_line() {
            assertThat(ScheduleSpec.ofCron("0 9 * * *", "UTC").with("hour", "8"))
                    .isEqualTo(ScheduleSpec.ofFields(null, null, null, null, null, "8", null, null, "UTC"));
        }

        @Test
        void a_crontab_line_replaces_the_fields_and_a_null_line_leaves_them() {
            assertThat(WEEKDAYS.with("cron", "0 9 * * *")).isEqualTo(ScheduleSpec.ofCron("0 9 * * *", "Europe/Berlin"));
            assertThat(WEEKDAYS.with("cron", null)).isEqualTo(WEEKDAYS);
        }

        @Test
        void day_is_day_of_month_and_zone_and_dates_change_alone() {
            assertThat(WEEKDAYS.with("day", "last").dayOfMonth()).isEqualTo("last");
            assertThat(ScheduleSpec.ofCron("@daily", "UTC").with("end_date", "2027-01-01"))
                    .isEqualTo(ScheduleSpec.ofCron("@daily", "UTC").withDates(null, "2027-01-01"));
        }

        @Test
        void of_another_key_is_refused() {
            assertThatThrownBy(() -> WEEKDAYS.with("name", "x")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void has_fields_when_any_cron_field_is_given() {
        assertThat(WEEKDAYS.hasFields()).isTrue();
        assertThat(ScheduleSpec.ofCron("@hourly", "UTC").hasFields()).isFalse();
        assertThat(ScheduleSpec.NONE.withTimezone("UTC").withDates("2027-01-01", null).hasFields()).isFalse();
    }

    @Test
    void a_crontab_line_shows_the_fields_it_stands_for_and_fields_stay_as_given() {
        var line = ScheduleSpec.ofCron("30 6 * * 0", "UTC");
        assertThat(line.showing(CronSchedule.parse(line)).byName()).containsAllEntriesOf(Map.of("cron", "30 6 * * 0",
                "year", "*", "month", "*", "day_of_month", "*", "week", "*", "day_of_week", "sun", "hour", "6",
                "minute", "30", "second", "0"));
        assertThat(WEEKDAYS.showing(CronSchedule.parse(WEEKDAYS))).isSameAs(WEEKDAYS);
    }
}
