package io.texium.scheduler.schedule;

/**
 * Raw schedule input exactly as the client sent it ({@code null} = not given); {@code day} is
 * APScheduler's "day", which the REST API calls {@code day_of_month}.
 */
public record ScheduleFields(String year, String month, String day, String week, String dayOfWeek,
                             String hour, String minute, String second,
                             String timezone, String startDate, String endDate, String cron) {

    /** Fields only, in the given zone, without dates or crontab line. */
    public static ScheduleFields ofFields(String year, String month, String day, String week, String dayOfWeek,
                                          String hour, String minute, String second, String timezone) {
        return new ScheduleFields(year, month, day, week, dayOfWeek, hour, minute, second, timezone, null, null, null);
    }

    /** A crontab line (5 or 6 fields, or a macro) in the given zone. */
    public static ScheduleFields ofCron(String cron, String timezone) {
        return new ScheduleFields(null, null, null, null, null, null, null, null, timezone, null, null, cron);
    }
}
