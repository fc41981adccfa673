package io.texium.scheduler.schedule;

import java.time.LocalDateTime;
import java.time.temporal.IsoFields;

/**
 * The eight APScheduler 3.x cron fields in APScheduler's order (most significant first), with
 * their limits, defaults and how each reads its value from a wall-clock date-time.
 */
enum FieldKind {
    YEAR("year", "year", 1970, 9999, true, "*"),
    MONTH("month", "month", 1, 12, true, "1"),
    DAY("day", "day_of_month", 1, 31, true, "1"),
    WEEK("week", "week", 1, 53, false, "*"),
    DAY_OF_WEEK("day_of_week", "day_of_week", 0, 6, false, "*"),
    HOUR("hour", "hour", 0, 23, true, "0"),
    MINUTE("minute", "minute", 0, 59, true, "0"),
    SECOND("second", "second", 0, 59, true, "0");

    static final FieldKind[] ALL = values();

    final String apsName;
    final String restName;
    final int min;
    final int max;
    /** APScheduler's REAL flag: week and day_of_week are not datetime fields. */
    final boolean real;
    /** APScheduler's DEFAULT_VALUES entry, used below the least significant given field. */
    final String defaultBelow;

    FieldKind(String apsName, String restName, int min, int max, boolean real, String defaultBelow) {
        this.apsName = apsName;
        this.restName = restName;
        this.min = min;
        this.max = max;
        this.real = real;
        this.defaultBelow = defaultBelow;
    }

    int value(LocalDateTime d) {
        return switch (this) {
            case YEAR -> d.getYear();
            case MONTH -> d.getMonthValue();
            case DAY -> d.getDayOfMonth();
            case WEEK -> d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case DAY_OF_WEEK -> d.getDayOfWeek().getValue() - 1;
            case HOUR -> d.getHour();
            case MINUTE -> d.getMinute();
            case SECOND -> d.getSecond();
        };
    }

    /** APScheduler's get_max: the day field's maximum is the length of the date's month. */
    int max(LocalDateTime d) {
        return this == DAY ? d.toLocalDate().lengthOfMonth() : max;
    }
}
