package io.texium.scheduler.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides quickly whether any calendar date in a range satisfies the date fields (year, month,
 * day, week, day_of_week), so that a schedule that can never fire again is answered in
 * microseconds instead of letting the port walk day by day to year 9999.
 *
 * <p>Whole years are cached by calendar layout: which dates match depends only on whether the year
 * and the year before are leap years and on the weekday of 1 January (28 layouts).
 */
final class DateScan {

    private final CronField year;
    private final CronField month;
    private final CronField day;
    private final CronField week;
    private final CronField dayOfWeek;
    private final Map<Integer, Boolean> layouts = new ConcurrentHashMap<>();

    DateScan(CronField[] fields) {
        this.year = fields[FieldKind.YEAR.ordinal()];
        this.month = fields[FieldKind.MONTH.ordinal()];
        this.day = fields[FieldKind.DAY.ordinal()];
        this.week = fields[FieldKind.WEEK.ordinal()];
        this.dayOfWeek = fields[FieldKind.DAY_OF_WEEK.ordinal()];
    }

    /** Whether some date from {@code from} to {@code to} (both inclusive) matches every date field. */
    boolean anyMatch(LocalDate from, LocalDate to) {
        int y = from.getYear();
        while (y <= to.getYear()) {
            Integer allowed = year.nextValue(LocalDate.of(y, 1, 1).atStartOfDay());
            if (allowed == null) {
                return false;
            }
            if (allowed > y) {
                y = allowed;
                continue;
            }
            LocalDate first = y == from.getYear() ? from : LocalDate.of(y, 1, 1);
            LocalDate last = y == to.getYear() ? to : LocalDate.of(y, 12, 31);
            boolean wholeYear = first.getDayOfYear() == 1 && last.getMonthValue() == 12 && last.getDayOfMonth() == 31;
            boolean hit = wholeYear ? layouts.computeIfAbsent(layout(y), key -> scan(first, last)) : scan(first, last);
            if (hit) {
                return true;
            }
            y++;
        }
        return false;
    }

    private static int layout(int y) {
        DayOfWeek janFirst = LocalDate.of(y, 1, 1).getDayOfWeek();
        return janFirst.ordinal() * 4 + (Year.isLeap(y) ? 2 : 0) + (Year.isLeap(y - 1) ? 1 : 0);
    }

    private boolean scan(LocalDate first, LocalDate last) {
        LocalDate monthStart = first.withDayOfMonth(1);
        while (!monthStart.isAfter(last)) {
            if (month.matches(monthStart.atStartOfDay())) {
                LocalDate d = monthStart.isBefore(first) ? first : monthStart;
                LocalDate monthEnd = monthStart.withDayOfMonth(monthStart.lengthOfMonth());
                LocalDate stop = monthEnd.isAfter(last) ? last : monthEnd;
                for (; !d.isAfter(stop); d = d.plusDays(1)) {
                    var at = d.atStartOfDay();
                    if (day.matches(at) && week.matches(at) && dayOfWeek.matches(at)) {
                        return true;
                    }
                }
            }
            monthStart = monthStart.plusMonths(1);
        }
        return false;
    }
}
