package io.texium.scheduler.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a crontab line into APScheduler fields.
 *
 * <ul>
 *   <li>5 fields: minute hour day-of-month month day-of-week (second 0); 6 fields: a leading second.</li>
 *   <li>Macros: {@code @yearly} and {@code @annually} (0 0 1 1 *), {@code @monthly} (0 0 1 * *),
 *       {@code @weekly} (0 0 * * 0), {@code @daily} and {@code @midnight} (0 0 * * *), {@code @hourly} (0 * * * *).</li>
 *   <li>Day of week uses crontab numbering (0 or 7 = Sunday, 1 = Monday) and names; it is rewritten to
 *       APScheduler weekday names, e.g. {@code 1-5} becomes {@code mon-fri}, {@code 0-2} becomes {@code mon-tue,sun}.</li>
 *   <li>Minute, hour, day of month and month mean the same in both and are passed through.</li>
 *   <li>Day of month and day of week are combined with AND (APScheduler), not OR (Vixie cron):
 *       {@code 0 9 13 * 5} fires only on Friday the 13th.</li>
 * </ul>
 */
final class CrontabParser {

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final List<String> CRON_DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
    private static final Pattern DOW_PART = Pattern.compile("(\\*|[0-7]|[a-z]{3})(?:-([0-7]|[a-z]{3}))?(?:/(\\d+))?");

    private CrontabParser() {
    }

    /** The eight APScheduler field strings (null = not given) for {@code line}; problems go to {@code errors} under "cron". */
    static String[] toFields(String line, List<FieldError> errors) {
        String expanded = MACROS.getOrDefault(line.toLowerCase(Locale.ROOT), line);
        if (expanded.startsWith("@")) {
            errors.add(new FieldError("cron", "unknown macro '" + line + "' (use " + String.join(", ", new TreeSet<>(MACROS.keySet())) + ")"));
            return new String[FieldKind.ALL.length];
        }
        String[] parts = expanded.trim().split("\\s+");
        if (parts.length != 5 && parts.length != 6) {
            errors.add(new FieldError("cron", "expected 5 fields (minute hour day-of-month month day-of-week) or 6 with a"
                    + " leading second, got " + parts.length));
            return new String[FieldKind.ALL.length];
        }
        int o = parts.length - 5;
        String[] fields = new String[FieldKind.ALL.length];
        if (o == 1) {
            fields[FieldKind.SECOND.ordinal()] = parts[0];
        }
        fields[FieldKind.MINUTE.ordinal()] = parts[o];
        fields[FieldKind.HOUR.ordinal()] = parts[o + 1];
        fields[FieldKind.DAY.ordinal()] = parts[o + 2];
        fields[FieldKind.MONTH.ordinal()] = parts[o + 3];
        try {
            fields[FieldKind.DAY_OF_WEEK.ordinal()] = dayOfWeek(parts[o + 4]);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("cron", "day-of-week: " + e.getMessage()));
            fields[FieldKind.DAY_OF_WEEK.ordinal()] = "*";
        }
        return fields;
    }

    /** Crontab day of week (0/7 = Sunday) to APScheduler weekday names (Monday first). */
    static String dayOfWeek(String text) {
        if (text.equals("*") || text.equals("?")) {
            return "*";
        }
        boolean[] cronDays = new boolean[7];
        for (String part : text.toLowerCase(Locale.ROOT).split(",", -1)) {
            Matcher m = DOW_PART.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + part + "' is not a day of week (0-7, sun-sat, ranges, lists and steps)");
            }
            boolean star = m.group(1).equals("*");
            int first = star ? 0 : day(m.group(1));
            int last = star ? 6 : m.group(2) != null ? day(m.group(2)) : m.group(3) != null ? 7 : first;
            if (first > last) {
                throw new IllegalArgumentException("range '" + part + "' starts after it ends");
            }
            int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            if (step == 0) {
                throw new IllegalArgumentException("a step must be higher than 0");
            }
            for (int d = first; d <= last; d += step) {
                cronDays[d % 7] = true;
            }
        }
        return apschedulerNames(cronDays);
    }

    private static int day(String token) {
        if (Character.isDigit(token.charAt(0))) {
            return Integer.parseInt(token);
        }
        int index = CRON_DAYS.indexOf(token);
        if (index < 0) {
            throw new IllegalArgumentException("unknown weekday name '" + token + "'");
        }
        return index;
    }

    /** Runs of set days in Monday-first order, written as APScheduler names: mon-fri,sun. */
    private static String apschedulerNames(boolean[] cronDays) {
        List<String> parts = new ArrayList<>();
        int count = 0;
        for (int a = 0; a < 7; a++) {
            if (cronDays[(a + 1) % 7]) {
                count++;
            }
        }
        if (count == 7) {
            return "*";
        }
        int a = 0;
        while (a < 7) {
            if (!cronDays[(a + 1) % 7]) {
                a++;
                continue;
            }
            int b = a;
            while (b + 1 < 7 && cronDays[(b + 2) % 7]) {
                b++;
            }
            parts.add(b == a ? FieldExpression.WEEKDAYS.get(a) : FieldExpression.WEEKDAYS.get(a) + "-" + FieldExpression.WEEKDAYS.get(b));
            a = b + 1;
        }
        return String.join(",", parts);
    }
}
