package io.texium.scheduler.schedule;

/**
 * One validation problem of a schedule, named by its REST field (year, month, day_of_month, week,
 * day_of_week, hour, minute, second, timezone, start_date, end_date, cron).
 */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
