package io.texium.scheduler.schedule;

import static io.texium.scheduler.schedule.Schedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** English descriptions of the effective fields. */
class ScheduleDescriberTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        day_of_week=mon-fri;hour=9-17;minute=*/5      | At every 5th minute past every hour from 9 through 17 on Monday through Friday
        hour=9;minute=30                              | At 09:30
        hour=9;minute=30;second=15                    | At 09:30:15
        minute=*                                      | At every minute
        minute=*/15                                   | At every 15th minute
        second=*/10                                   | At every 10th second
        minute=0,30;day_of_week=0,2,4                 | At minute 0 and 30 on Monday, Wednesday and Friday
        day=last;hour=18                              | At 18:00 on the last day of the month
        day=2nd mon,last fri;hour=8                   | At 08:00 on the 2nd Monday of the month and the last Friday of the month
        day=13;day_of_week=fri                        | At 00:00 on day-of-month 13 if it is Friday
        month=feb                                     | At 00:00 on day-of-month 1 in February
        day=1-7                                       | At 00:00 on every day-of-month from 1 through 7
        week=53                                       | At 00:00 in ISO week 53
        year=2025-2027;month=1-6/2;day=1,15;hour=12;minute=0;second=30 | At 12:00:30 on day-of-month 1 and 15 in every 2nd month from January through June in every year from 2025 through 2027
        minute=50/4;hour=*/2                          | At every 4th minute from 50 past every 2nd hour
        """)
    void describes_a_schedule_in_words(String spec, String expected) {
        assertThat(schedule("UTC", spec).describe()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        0 9 * * 1-5 | At 09:00 on Monday through Friday
        @hourly     | At minute 0
        @weekly     | At 00:00 on Sunday
        """)
    void describes_crontab_lines_by_their_fields(String line, String expected) {
        assertThat(CronSchedule.parse(ScheduleSpec.ofCron(line, "UTC")).describe()).isEqualTo(expected);
    }
}
