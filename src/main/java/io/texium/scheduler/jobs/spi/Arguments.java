package io.texium.scheduler.jobs.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job's arguments by the names its {@link JobDefinition} gives them, defaults applied, each remembering where the
 * client put it ({@code pub_kwargs.url} or {@code pub_args[0]}) so that a problem names the field the client wrote.
 * The typed getters fail with a message naming the argument, so a job saved before its arguments were checked still
 * fails clearly.
 */
public final class Arguments {

    public static final String STRING = "string";
    public static final String INTEGER = "integer";
    public static final String NUMBER = "number";
    public static final String BOOLEAN = "boolean";
    /** A list of strings. */
    public static final String STRINGS = "string[]";
    /** An object of string values, such as HTTP headers or environment variables. */
    public static final String STRING_MAP = "map<string,string>";
    public static final String OBJECT = "object";
    public static final String ANY = "any";
    public static final List<String> TYPES = List.of(STRING, INTEGER, NUMBER, BOOLEAN, STRINGS, STRING_MAP, OBJECT, ANY);

    public static final Arguments EMPTY = new Arguments(Map.of(), Map.of());

    private final Map<String, Object> values;
    private final Map<String, String> fields;
    private final Map<String, Range> ranges;

    /** The bounds of a numeric argument, both inclusive. */
    public record Range(long min, long max) {

        public boolean contains(double value) {
            return value >= min && value <= max;
        }

        /** What a value outside says. */
        public String rule() {
            if (min == Long.MIN_VALUE) {
                return "must be at most " + max;
            }
            return max == Long.MAX_VALUE ? "must be at least " + min : "must be from " + min + " to " + max;
        }
    }

    /** One argument a job refuses: the request field it came from and why. */
    public record Problem(String field, String reason) {
    }

    public Arguments(Map<String, Object> values, Map<String, String> fields) {
        this(values, fields, Map.of());
    }

    public Arguments(Map<String, Object> values, Map<String, String> fields, Map<String, Range> ranges) {
        this.values = Map.copyOf(values);
        this.fields = Map.copyOf(fields);
        this.ranges = Map.copyOf(ranges);
    }

    /** The values by name, for a job that passes them on as they are. */
    public Map<String, Object> asMap() {
        return new LinkedHashMap<>(values);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The request field an argument came from; for one left out, where a client would put it. */
    public String field(String name) {
        return fields.getOrDefault(name, "pub_kwargs." + name);
    }

    public Problem problem(String name, String reason) {
        return new Problem(field(name), reason);
    }

    public Optional<Object> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String string(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw wrong(name, "a string");
    }

    public String requiredString(String name) {
        String value = string(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("argument '" + name + "' (" + field(name) + ") is required");
        }
        return value;
    }

    /** The integer, within the argument's described range (else the getter fails naming the range). */
    public long integer(String name, long otherwise) {
        Object value = values.get(name);
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return inRange(name, n).longValue();
        }
        throw wrong(name, "an integer");
    }

    public double number(String name, double otherwise) {
        Object value = values.get(name);
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Number n) {
            return inRange(name, n).doubleValue();
        }
        throw wrong(name, "a number");
    }

    public boolean bool(String name, boolean otherwise) {
        Object value = values.get(name);
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw wrong(name, "true or false");
    }

    public List<String> strings(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> items && items.stream().allMatch(String.class::isInstance)) {
            return items.stream().map(String.class::cast).toList();
        }
        throw wrong(name, "a list of strings");
    }

    public Map<String, String> stringMap(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> entries && entries.values().stream().allMatch(String.class::isInstance)) {
            Map<String, String> copy = new LinkedHashMap<>();
            entries.forEach((k, v) -> copy.put(String.valueOf(k), (String) v));
            return copy;
        }
        throw wrong(name, "an object of strings");
    }

    private Number inRange(String name, Number value) {
        Range range = ranges.get(name);
        if (range != null && !range.contains(value.doubleValue())) {
            throw new IllegalArgumentException("argument '" + name + "' (" + field(name) + ") " + range.rule()
                    + ", not " + value);
        }
        return value;
    }

    private IllegalArgumentException wrong(String name, String expected) {
        return new IllegalArgumentException("argument '" + name + "' (" + field(name) + ") must be " + expected);
    }
}
