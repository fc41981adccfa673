package io.texium.scheduler.platform;

import io.texium.scheduler.problems.FieldProblem;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Typed reads of one field of a JSON request body; a value of the wrong type adds a problem naming the field. */
public final class JsonFields {

    private JsonFields() {
    }

    /**
     * A trimmed string, null for a blank one or JSON null; a blank required value, a string over
     * {@code maxLength}, or a value of another type is a problem.
     */
    public static String text(String field, JsonValue value, boolean required, int maxLength, List<FieldProblem> problems) {
        if (value instanceof JsonString s) {
            String text = s.getString().isBlank() ? null : s.getString().trim();
            if (text == null && required) {
                problems.add(new FieldProblem(field, "must not be blank"));
            } else if (text != null && text.length() > maxLength) {
                problems.add(new FieldProblem(field, "must be at most " + maxLength + " characters"));
            }
            return text;
        }
        if (value.getValueType() == JsonValue.ValueType.NULL && !required) {
            return null;
        }
        problems.add(new FieldProblem(field, required ? "must be a non-blank string" : "must be a string or null"));
        return null;
    }

    /**
     * An ISO-8601 date-time with an offset in the {@link InstantRange}; null when absent or JSON null; anything else
     * is a problem.
     */
    public static Instant instant(String field, JsonValue value, List<FieldProblem> problems) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        Instant instant = null;
        if (value instanceof JsonString text) {
            try {
                instant = OffsetDateTime.parse(text.getString()).toInstant();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        if (instant == null) {
            problems.add(new FieldProblem(field, "must be an ISO-8601 date-time with an offset, e.g. 2026-11-30T09:00:00Z"));
        } else if (!InstantRange.contains(instant)) {
            problems.add(new FieldProblem(field, InstantRange.PROBLEM));
            return null;
        }
        return instant;
    }

    /** {@link #text(String, JsonValue, boolean, int, List)} without a length limit. */
    public static String text(String field, JsonValue value, boolean required, List<FieldProblem> problems) {
        return text(field, value, required, Integer.MAX_VALUE, problems);
    }
}
