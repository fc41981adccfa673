package io.texium.scheduler.builtin.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer statuses a webhook accepts: codes ({@code 200}, {@code "204"}), classes ({@code "2xx"}) and ranges
 * ({@code "200-299"}), alone or in a list.
 */
record ExpectedStatus(List<int[]> ranges, String text) {

    private static final Pattern CLASS = Pattern.compile("([1-5])xx", Pattern.CASE_INSENSITIVE);
    private static final Pattern RANGE = Pattern.compile("(\\d{3})\\s*-\\s*(\\d{3})");
    private static final Pattern CODE = Pattern.compile("\\d{3}");

    static final ExpectedStatus ANY_2XX = parse("2xx");

    /** The statuses the value names; IllegalArgumentException with a reason for anything else. */
    static ExpectedStatus parse(Object value) {
        List<Object> items = value instanceof List<?> list ? List.copyOf(list) : List.of(value);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("must name at least one status");
        }
        List<int[]> ranges = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Object item : items) {
            int[] range = range(item);
            ranges.add(range);
            texts.add(range[0] == range[1] ? String.valueOf(range[0])
                    : range[0] % 100 == 0 && range[1] == range[0] + 99 ? range[0] / 100 + "xx" : range[0] + "-" + range[1]);
        }
        return new ExpectedStatus(List.copyOf(ranges), String.join(", ", texts));
    }

    boolean accepts(int status) {
        return ranges.stream().anyMatch(r -> status >= r[0] && status <= r[1]);
    }

    private static int[] range(Object item) {
        if (item instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return checked(n.intValue(), n.intValue(), item);
        }
        if (item instanceof String s) {
            String text = s.strip();
            Matcher m;
            if ((m = CLASS.matcher(text)).matches()) {
                int base = Integer.parseInt(m.group(1)) * 100;
                return new int[] {base, base + 99};
            }
            if ((m = RANGE.matcher(text)).matches()) {
                return checked(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), item);
            }
            if (CODE.matcher(text).matches()) {
                return checked(Integer.parseInt(text), Integer.parseInt(text), item);
            }
        }
        throw new IllegalArgumentException("must be status codes or ranges such as 200, \"2xx\" or \"200-299\" (not " + item + ")");
    }

    private static int[] checked(int from, int to, Object item) {
        if (from < 100 || to > 599 || from > to) {
            throw new IllegalArgumentException("must be status codes from 100 to 599, ranges low to high (not " + item + ")");
        }
        return new int[] {from, to};
    }
}
