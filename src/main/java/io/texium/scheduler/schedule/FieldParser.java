package io.texium.scheduler.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles one field string the way APScheduler 3.x's BaseField.compile_expressions does, but
 * with strict parsing (no ignored trailing text) and messages that say why a value is rejected.
 */
final class FieldParser {

    private static final Pattern SEPARATOR = Pattern.compile(" *, *");
    private static final Pattern ALL = Pattern.compile("\\*(?:/(\\d+))?");
    private static final Pattern RANGE = Pattern.compile("(\\d+)(?:-(\\d+))?(?:/(\\d+))?");
    private static final Pattern NAMES = Pattern.compile("([a-z]+)(?:-([a-z]+))?(/\\d+)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern POSITION = Pattern.compile("(1st|2nd|3rd|4th|5th|last) +(\\w+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LAST = Pattern.compile("last", Pattern.CASE_INSENSITIVE);

    private FieldParser() {
    }

    /** Compiles {@code text}; problems are added to {@code errors} (the REST field name) and null is returned. */
    static CronField parse(FieldKind kind, String text, boolean isDefault, List<FieldError> errors) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            errors.add(new FieldError(kind.restName, "must not be empty"));
            return null;
        }
        List<FieldExpression> expressions = new ArrayList<>();
        int before = errors.size();
        for (String part : SEPARATOR.split(trimmed, -1)) {
            try {
                expressions.add(compile(kind, part));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(kind.restName, e.getMessage()));
            }
        }
        return errors.size() == before ? new CronField(kind, expressions, isDefault) : null;
    }

    private static FieldExpression compile(FieldKind kind, String expr) {
        if (expr.isEmpty()) {
            throw new IllegalArgumentException("empty list element");
        }
        Matcher m = ALL.matcher(expr);
        if (m.matches()) {
            int step = m.group(1) == null ? 0 : step(m.group(1));
            checkStep(kind, step, kind.max - kind.min, expr);
            return new FieldExpression.All(step);
        }
        m = RANGE.matcher(expr);
        if (m.matches()) {
            return range(kind, expr, number(m.group(1)), m.group(2) == null ? null : number(m.group(2)),
                    m.group(3) == null ? null : step(m.group(3)), false);
        }
        if (kind == FieldKind.DAY) {
            if (LAST.matcher(expr).matches()) {
                return new FieldExpression.LastDay();
            }
            m = POSITION.matcher(expr);
            if (m.matches()) {
                int option = FieldExpression.POSITIONS.indexOf(m.group(1).toLowerCase(Locale.ROOT));
                return new FieldExpression.WeekdayPosition(option, weekday(m.group(2)));
            }
        }
        m = NAMES.matcher(expr);
        if (m.matches() && (kind == FieldKind.MONTH || kind == FieldKind.DAY_OF_WEEK)) {
            if (m.group(3) != null) {
                throw new IllegalArgumentException("a step is not allowed after names ('" + expr
                        + "'); write the range with numbers instead");
            }
            boolean month = kind == FieldKind.MONTH;
            int first = month ? month(m.group(1)) : weekday(m.group(1));
            Integer last = m.group(2) == null ? null : month ? month(m.group(2)) : weekday(m.group(2));
            return range(kind, expr, first, last, null, true);
        }
        throw new IllegalArgumentException("'" + expr + "' is not a valid " + kind.restName + " expression; expected "
                + syntax(kind));
    }

    private static FieldExpression range(FieldKind kind, String expr, int first, Integer last, Integer step, boolean named) {
        if (first < kind.min || first > kind.max) {
            throw outOfRange(kind, first);
        }
        if (last != null && (last < kind.min || last > kind.max)) {
            throw outOfRange(kind, last);
        }
        if (last != null && first > last) {
            throw new IllegalArgumentException("range '" + expr + "' starts after it ends");
        }
        if (last == null && step == null) {
            last = first;
        }
        int stepValue = step == null ? 0 : step;
        // APScheduler computes the span as (last or MAX) - first, so a last of 0 counts as MAX.
        int span = (last == null || last == 0 ? kind.max : last) - first;
        checkStep(kind, stepValue, span, expr);
        return new FieldExpression.Range(first, last, stepValue, named);
    }

    private static void checkStep(FieldKind kind, int step, int span, String expr) {
        if (step < 0) {
            throw new IllegalArgumentException("step in '" + expr + "' must be higher than 0");
        }
        if (step > span) {
            throw new IllegalArgumentException("step " + step + " in '" + expr + "' is larger than the range it steps through ("
                    + span + ")");
        }
    }

    private static int step(String digits) {
        int step = number(digits);
        if (step == 0) {
            throw new IllegalArgumentException("a step must be higher than 0");
        }
        return step;
    }

    private static int number(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(digits + " is too large");
        }
    }

    private static IllegalArgumentException outOfRange(FieldKind kind, int value) {
        String hint = kind == FieldKind.DAY_OF_WEEK ? " (0 = Monday ... 6 = Sunday)" : "";
        return new IllegalArgumentException(value + " is out of range " + kind.min + "-" + kind.max + hint);
    }

    private static int weekday(String name) {
        int index = FieldExpression.WEEKDAYS.indexOf(name.toLowerCase(Locale.ROOT));
        if (index < 0) {
            throw new IllegalArgumentException("unknown weekday name '" + name + "' (expected mon, tue, wed, thu, fri, sat or sun)");
        }
        return index;
    }

    private static int month(String name) {
        int index = FieldExpression.MONTHS.indexOf(name.toLowerCase(Locale.ROOT));
        if (index < 0) {
            throw new IllegalArgumentException("unknown month name '" + name + "' (expected jan ... dec)");
        }
        return index + 1;
    }

    private static String syntax(FieldKind kind) {
        String base = "*, */n, a, a-b, a-b/n or a/n with " + kind.min + "-" + kind.max;
        return switch (kind) {
            case MONTH -> base + " or month names jan-dec";
            case DAY_OF_WEEK -> base + " or weekday names mon-sun";
            case DAY -> base + ", 'last', '1st mon' ... '5th sun' or 'last fri'";
            default -> base;
        };
    }
}
