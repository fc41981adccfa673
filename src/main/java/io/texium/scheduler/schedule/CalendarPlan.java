package io.texium.scheduler.schedule;

import java.time.Instant;

/**
 * Attributes for a {@code jakarta.ejb.ScheduleExpression} as strings, plus whether Payara's
 * calendar timer alone fires exactly on the schedule ({@code exact=false}: the plan is a superset
 * and every timeout must be checked with {@link CronSchedule#latestFireTimeBetween}).
 */
public record CalendarPlan(String second, String minute, String hour, String dayOfMonth, String month,
                           String dayOfWeek, String year, String timezone, Instant start, Instant end,
                           boolean exact) {
}
