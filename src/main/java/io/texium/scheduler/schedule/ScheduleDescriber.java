package io.texium.scheduler.schedule;

import java.util.ArrayList;
import java.util.List;

/** Describes a schedule's effective fields in English, in the style of crontab.guru. */
final class ScheduleDescriber {

    private static final List<String> DAY_NAMES =
            List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");
    private static final List<String> MONTH_NAMES = List.of("January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December");

    private ScheduleDescriber() {
    }

    static String describe(CronSchedule schedule) {
        StringBuilder text = new StringBuilder(time(schedule));
        CronField day = schedule.field(FieldKind.DAY);
        CronField dayOfWeek = schedule.field(FieldKind.DAY_OF_WEEK);
        if (!day.isWildcard()) {
            text.append(" on ").append(days(day));
            if (!dayOfWeek.isWildcard()) {
                text.append(" if it is ").append(phrase(dayOfWeek, "day-of-week"));
            }
        } else if (!dayOfWeek.isWildcard()) {
            text.append(" on ").append(phrase(dayOfWeek, "day-of-week"));
        }
        appendIn(text, schedule.field(FieldKind.WEEK), "ISO week");
        appendIn(text, schedule.field(FieldKind.MONTH), "month");
        appendIn(text, schedule.field(FieldKind.YEAR), "year");
        return text.toString();
    }

    private static void appendIn(StringBuilder text, CronField field, String unit) {
        if (!field.isWildcard()) {
            text.append(" in ").append(phrase(field, unit));
        }
    }

    private static String time(CronSchedule schedule) {
        CronField second = schedule.field(FieldKind.SECOND);
        CronField minute = schedule.field(FieldKind.MINUTE);
        CronField hour = schedule.field(FieldKind.HOUR);
        Integer s = single(second);
        Integer m = single(minute);
        Integer h = single(hour);
        if (s != null && m != null && h != null) {
            return s == 0 ? "At %02d:%02d".formatted(h, m) : "At %02d:%02d:%02d".formatted(h, m, s);
        }
        List<CronField> shown = new ArrayList<>();
        if (s == null || s != 0) {
            shown.add(second);
        }
        shown.add(minute);
        shown.add(hour);
        // "every minute past every hour" says no more than "every minute": drop trailing plain wildcards.
        while (shown.size() > 1 && isPlainWildcard(shown.get(shown.size() - 1))) {
            shown.remove(shown.size() - 1);
        }
        List<String> parts = new ArrayList<>();
        for (CronField field : shown) {
            parts.add(phrase(field, field.kind().apsName));
        }
        return "At " + String.join(" past ", parts);
    }

    private static boolean isPlainWildcard(CronField field) {
        return field.expressions().size() == 1 && field.expressions().get(0) instanceof FieldExpression.All all
                && all.step() == 0;
    }

    private static Integer single(CronField field) {
        if (field.expressions().size() == 1 && field.expressions().get(0) instanceof FieldExpression.Range r
                && r.last() != null && r.last() == r.first() && r.step() == 0) {
            return r.first();
        }
        return null;
    }

    private static String days(CronField day) {
        List<String> parts = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (FieldExpression e : day.expressions()) {
            switch (e) {
                case FieldExpression.LastDay l -> parts.add("the last day of the month");
                case FieldExpression.WeekdayPosition p -> parts.add("the " + FieldExpression.POSITIONS.get(p.option()) + " "
                        + DAY_NAMES.get(p.weekday()) + " of the month");
                case FieldExpression.Range r when r.step() == 0 && r.last() != null && r.last() == r.first() ->
                        numbers.add(Integer.toString(r.first()));
                default -> parts.add(expression(e, FieldKind.DAY, "day-of-month"));
            }
        }
        if (!numbers.isEmpty()) {
            parts.add(0, "day-of-month " + join(numbers));
        }
        return join(parts);
    }

    private static String phrase(CronField field, String unit) {
        List<String> singles = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (FieldExpression e : field.expressions()) {
            if (e instanceof FieldExpression.Range r && r.step() == 0 && r.last() != null && r.last() == r.first()) {
                singles.add(name(field.kind(), r.first()));
            } else {
                others.add(expression(e, field.kind(), unit));
            }
        }
        List<String> parts = new ArrayList<>();
        if (!singles.isEmpty()) {
            boolean named = field.kind() == FieldKind.MONTH || field.kind() == FieldKind.DAY_OF_WEEK;
            parts.add(named ? join(singles) : unit + " " + join(singles));
        }
        parts.addAll(others);
        return join(parts);
    }

    private static String expression(FieldExpression e, FieldKind kind, String unit) {
        return switch (e) {
            case FieldExpression.All a -> a.step() == 0 ? "every " + unit : "every " + ordinal(a.step()) + " " + unit;
            case FieldExpression.Range r -> {
                String every = r.step() == 0 ? "every " + unit : "every " + ordinal(r.step()) + " " + unit;
                if (kind == FieldKind.DAY_OF_WEEK && r.step() == 0 && r.last() != null) {
                    yield name(kind, r.first()) + " through " + name(kind, r.last());
                }
                yield r.last() == null ? every + " from " + name(kind, r.first())
                        : every + " from " + name(kind, r.first()) + " through " + name(kind, r.last());
            }
            default -> e.text(kind);
        };
    }

    private static String name(FieldKind kind, int value) {
        return switch (kind) {
            case MONTH -> MONTH_NAMES.get(value - 1);
            case DAY_OF_WEEK -> DAY_NAMES.get(value);
            default -> Integer.toString(value);
        };
    }

    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    private static String join(List<String> parts) {
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
