package io.texium.scheduler.schedule;

import static io.texium.scheduler.schedule.Schedules.instant;
import static io.texium.scheduler.schedule.Schedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ScheduleExpression translation: forms Payara handles are expanded to exact lists, the others
 * are widened to a superset with exact=false (the timer guard then filters each timeout).
 */
class CalendarPlannerTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
        UTC                 | minute=*/15                   | 0        | 0,15,30,45 | *        | *          | *     | *               | *              | true
        UTC                 | hour=9-17/4;minute=0          | 0        | 0          | 9,13,17  | *          | *     | *               | *              | true
        UTC                 | second=*/20;minute=5-7        | 0,20,40  | 5,6,7      | *        | *          | *     | *               | *              | true
        UTC                 | minute=50/4                   | 0        | 50,54,58   | *        | *          | *     | *               | *              | true
        UTC                 | day_of_week=0                 | 0        | 0          | 0        | *          | *     | Mon             | *              | true
        UTC                 | day_of_week=sat-sun;hour=10   | 0        | 0          | 10       | *          | *     | Sat,Sun         | *              | true
        UTC                 | day_of_week=*/2               | 0        | 0          | 0        | *          | *     | Mon,Wed,Fri,Sun | *              | true
        UTC                 | day_of_week=0-6               | 0        | 0          | 0        | *          | *     | *               | *              | true
        UTC                 | month=jan-mar                 | 0        | 0          | 0        | 1          | 1,2,3 | *               | *              | true
        UTC                 | month=*/4;day=1-31            | 0        | 0          | 0        | *          | 1,5,9 | *               | *              | true
        UTC                 | day=last                      | 0        | 0          | 0        | Last       | *     | *               | *              | true
        UTC                 | day=1st mon                   | 0        | 0          | 0        | 1st Mon    | *     | *               | *              | true
        UTC                 | day=4th SUN                   | 0        | 0          | 0        | 4th Sun    | *     | *               | *              | true
        UTC                 | day=last fri                  | 0        | 0          | 0        | Last Fri   | *     | *               | *              | true
        UTC                 | day=1,15,last                 | 0        | 0          | 0        | 1,15,Last  | *     | *               | *              | true
        UTC                 | day=*/10                      | 0        | 0          | 0        | 1,11,21,31 | *     | *               | *              | true
        UTC                 | day=5th fri                   | 0        | 0          | 0        | 29,30,31   | *     | *               | *              | false
        UTC                 | day=13;day_of_week=fri        | 0        | 0          | 0        | 13         | *     | *               | *              | false
        UTC                 | week=10                       | 0        | 0          | 0        | *          | *     | *               | *              | false
        UTC                 | year=2025-2029/2;month=6      | 0        | 0          | 0        | 1          | 6     | *               | 2025,2027,2029 | true
        UTC                 | year=*/2                      | 0        | 0          | 0        | 1          | 1     | *               | *              | false
        Europe/Berlin       | hour=2;minute=30              | 0        | 30         | 2        | *          | *     | *               | *              | false
        Europe/Berlin       | hour=9                        | 0        | 0          | 9        | *          | *     | *               | *              | true
        America/New_York    | hour=1;minute=30              | 0        | 30         | 1        | *          | *     | *               | *              | false
        America/New_York    | minute=*/30                   | 0        | 0,30       | *        | *          | *     | *               | *              | false
        Australia/Lord_Howe | hour=1;minute=45              | 0        | 45         | 1        | *          | *     | *               | *              | false
        Australia/Lord_Howe | hour=3                        | 0        | 0          | 3        | *          | *     | *               | *              | true
        Asia/Kolkata        | minute=*/30                   | 0        | 0,30       | *        | *          | *     | *               | *              | true
        """)
    void translates_the_fields_into_calendar_attributes(String zone, String spec, String second, String minute,
                                                        String hour, String dayOfMonth, String month, String dayOfWeek,
                                                        String year, boolean exact) {
        CalendarPlan plan = schedule(zone, spec).toCalendarPlan();
        assertThat(plan).isEqualTo(new CalendarPlan(second, minute, hour, dayOfMonth, month, dayOfWeek, year, zone,
                null, null, exact));
    }

    @Test
    void keeps_start_and_end_as_instants() {
        CalendarPlan plan = schedule("Europe/Berlin",
                "hour=9;start_date=2024-05-01;end_date=2024-12-31T18:00:00+00:00").toCalendarPlan();
        assertThat(plan.start()).isEqualTo(instant("2024-04-30T22:00:00+00:00"));
        assertThat(plan.end()).isEqualTo(instant("2024-12-31T18:00:00+00:00"));
    }

    @Test
    void translates_crontab_weekdays_to_names() {
        CalendarPlan plan = CronSchedule.parse(ScheduleSpec.ofCron("0 9 * * 1-5", "UTC")).toCalendarPlan();
        assertThat(plan.dayOfWeek()).isEqualTo("Mon,Tue,Wed,Thu,Fri");
        assertThat(plan.exact()).isTrue();
    }
}
