package io.texium.scheduler.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One comma-separated part of a cron field, a literal port of APScheduler 3.x's expression classes
 * and their {@code get_next_value}; {@code null} means "no valid value left in this period".
 */
sealed interface FieldExpression {

    List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    List<String> POSITIONS = List.of("1st", "2nd", "3rd", "4th", "5th", "last");

    Integer nextValue(LocalDateTime date, FieldKind field);

    /** The expression written the way APScheduler's {@code str()} writes it. */
    String text(FieldKind field);

    /** {@code *} or {@code *}/step (AllExpression); step 0 means no step. */
    record All(int step) implements FieldExpression {
        @Override
        public Integer nextValue(LocalDateTime date, FieldKind field) {
            int min = field.min;
            int max = field.max(date);
            int start = Math.max(field.value(date), min);
            int next = step == 0 ? start : start + Math.floorMod(step - (start - min), step);
            return next <= max ? next : null;
        }

        @Override
        public String text(FieldKind field) {
            return step == 0 ? "*" : "*/" + step;
        }
    }

    /**
     * {@code a}, {@code a-b}, {@code a/c}, {@code a-b/c} (RangeExpression), also month and weekday
     * names (MonthRangeExpression, WeekdayRangeExpression: {@code named}); last is null for a/c.
     */
    record Range(int first, Integer last, int step, boolean named) implements FieldExpression {
        @Override
        public Integer nextValue(LocalDateTime date, FieldKind field) {
            int min = Math.max(field.min, first);
            int max = last != null ? Math.min(field.max(date), last) : field.max(date);
            int next = Math.max(min, field.value(date));
            if (step != 0) {
                next += Math.floorMod(step - (next - min), step);
            }
            return next <= max ? next : null;
        }

        @Override
        public String text(FieldKind field) {
            String range = last != null && last != first ? name(field, first) + "-" + name(field, last) : name(field, first);
            return step != 0 ? range + "/" + step : range;
        }

        private String name(FieldKind field, int value) {
            if (!named) {
                return Integer.toString(value);
            }
            return field == FieldKind.MONTH ? MONTHS.get(value - 1) : WEEKDAYS.get(value);
        }
    }

    /** {@code 1st mon} .. {@code 5th sun} and {@code last mon} in the day field (WeekdayPositionExpression). */
    record WeekdayPosition(int option, int weekday) implements FieldExpression {
        @Override
        public Integer nextValue(LocalDateTime date, FieldKind field) {
            LocalDate first = date.toLocalDate().withDayOfMonth(1);
            int firstDayWeekday = first.getDayOfWeek().getValue() - 1;
            int lastDay = first.lengthOfMonth();
            int firstHitDay = weekday - firstDayWeekday + 1;
            if (firstHitDay <= 0) {
                firstHitDay += 7;
            }
            int target = option < 5 ? firstHitDay + option * 7 : firstHitDay + ((lastDay - firstHitDay) / 7) * 7;
            return target <= lastDay && target >= date.getDayOfMonth() ? target : null;
        }

        @Override
        public String text(FieldKind field) {
            return POSITIONS.get(option) + " " + WEEKDAYS.get(weekday);
        }
    }

    /** {@code last} in the day field (LastDayOfMonthExpression). */
    record LastDay() implements FieldExpression {
        @Override
        public Integer nextValue(LocalDateTime date, FieldKind field) {
            return date.toLocalDate().lengthOfMonth();
        }

        @Override
        public String text(FieldKind field) {
            return "last";
        }
    }
}
