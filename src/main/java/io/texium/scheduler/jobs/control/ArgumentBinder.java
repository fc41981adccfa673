package io.texium.scheduler.jobs.control;

import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.problems.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a job's {@code pub_args} (by position, in the described order) and {@code pub_kwargs} (by name) to the
 * arguments its class describes, applying defaults, and lists every argument that does not fit the description:
 * unknown, given twice, of the wrong type, not one of the allowed values, or missing when required.
 */
final class ArgumentBinder {

    static final String ANY_POSITIONAL = "*args";
    static final String ANY_NAMED = "**kwargs";

    /** The bound arguments, and what does not fit; a job with problems is refused when saved. */
    record Bound(Arguments arguments, List<FieldProblem> problems) {
    }

    private ArgumentBinder() {
    }

    static Bound bind(JobCatalog.JobType type, List<Object> args, Map<String, Object> kwargs) {
        List<JobCatalog.Argument> described = type.arguments().stream()
                .filter(a -> !a.name().equals(ANY_POSITIONAL) && !a.name().equals(ANY_NAMED)).toList();
        boolean anyPositional = type.arguments().stream().anyMatch(a -> a.name().equals(ANY_POSITIONAL));
        boolean anyNamed = type.arguments().stream().anyMatch(a -> a.name().equals(ANY_NAMED));
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> fields = new LinkedHashMap<>();
        List<FieldProblem> problems = new ArrayList<>();
        List<Object> positional = args == null ? List.of() : args;
        for (int i = 0; i < positional.size(); i++) {
            String field = "pub_args[" + i + "]";
            if (i >= described.size()) {
                if (!anyPositional) {
                    problems.add(new FieldProblem(field, type.jobClassString() + " takes at most " + described.size()
                            + " positional arguments" + names(described)));
                }
                continue;
            }
            String name = described.get(i).name();
            values.put(name, positional.get(i));
            fields.put(name, field);
        }
        Map<String, Object> named = kwargs == null ? Map.of() : kwargs;
        for (var entry : named.entrySet()) {
            String field = "pub_kwargs." + entry.getKey();
            boolean known = described.stream().anyMatch(a -> a.name().equals(entry.getKey()));
            if (!known) {
                if (!anyNamed) {
                    problems.add(new FieldProblem(field, "is not an argument of " + type.jobClassString()
                            + names(described)));
                }
                continue;
            }
            if (fields.containsKey(entry.getKey())) {
                problems.add(new FieldProblem(field, "is also given by position, as " + fields.get(entry.getKey())));
                continue;
            }
            values.put(entry.getKey(), entry.getValue());
            fields.put(entry.getKey(), field);
        }
        for (var argument : described) {
            Object value = values.get(argument.name());
            if (value == null) {
                if (argument.defaultValue() != null) {
                    values.put(argument.name(), argument.defaultValue());
                } else if (argument.required()) {
                    problems.add(new FieldProblem("pub_kwargs." + argument.name(), "is required"));
                }
                continue;
            }
            String field = fields.get(argument.name());
            String typeProblem = typeProblem(argument.type(), value);
            if (typeProblem != null) {
                problems.add(new FieldProblem(field, "must be " + typeProblem));
            } else if (value instanceof Number n && argument.range() != null && !argument.range().contains(n.doubleValue())) {
                problems.add(new FieldProblem(field, argument.range().rule()));
            } else if (!argument.allowed().isEmpty() && !argument.allowed().contains(String.valueOf(value))) {
                problems.add(new FieldProblem(field, "must be one of " + String.join(", ", argument.allowed())));
            } else if (argument.required() && value instanceof String s && s.isBlank()) {
                problems.add(new FieldProblem(field, "must not be empty"));
            }
        }
        Map<String, Arguments.Range> ranges = new LinkedHashMap<>();
        described.stream().filter(a -> a.range() != null).forEach(a -> ranges.put(a.name(), a.range()));
        return new Bound(new Arguments(values, fields, ranges), problems);
    }

    /** What the value should have been, or null when it fits the type. */
    static String typeProblem(String type, Object value) {
        boolean fits = switch (type) {
            case Arguments.STRING -> value instanceof String;
            case Arguments.INTEGER -> value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue());
            case Arguments.NUMBER -> value instanceof Number;
            case Arguments.BOOLEAN -> value instanceof Boolean;
            case Arguments.STRINGS -> value instanceof List<?> l && l.stream().allMatch(String.class::isInstance);
            case Arguments.STRING_MAP -> value instanceof Map<?, ?> m && m.values().stream().allMatch(String.class::isInstance);
            case Arguments.OBJECT -> value instanceof Map;
            default -> true;
        };
        if (fits) {
            return null;
        }
        return switch (type) {
            case Arguments.STRING -> "a string";
            case Arguments.INTEGER -> "an integer";
            case Arguments.NUMBER -> "a number";
            case Arguments.BOOLEAN -> "true or false";
            case Arguments.STRINGS -> "a list of strings";
            case Arguments.STRING_MAP -> "an object whose values are strings";
            default -> "an object";
        };
    }

    private static String names(List<JobCatalog.Argument> described) {
        return described.isEmpty() ? "" : " (" + String.join(", ", described.stream().map(JobCatalog.Argument::name).toList()) + ")";
    }
}
