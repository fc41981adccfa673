package io.texium.scheduler.platform;

import io.texium.scheduler.problems.InvalidRequestException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Typed reads of query-string values, refusing bad ones with a 400 that names the parameter. */
public final class QueryParams {

    private QueryParams() {
    }

    public static int positiveInt(String name, String value, int defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException(name, "must be a positive integer, got '" + value + "'");
    }

    public static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new InvalidRequestException(name, "must be true or false, got '" + value + "'");
        };
    }

    /** One of an enum's constants by its (lower-case) name; absent is null. */
    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        String given = value == null || value.isBlank() ? null : value.trim().toLowerCase(java.util.Locale.ROOT);
        if (given == null) {
            return null;
        }
        var names = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        if (!names.contains(given)) {
            throw new InvalidRequestException(name, "must be one of " + names + ", got '" + value + "'");
        }
        return Enum.valueOf(type, given);
    }

    /** One of the allowed words; absent is null. */
    public static String oneOf(String name, String value, java.util.Set<String> allowed) {
        String given = value == null || value.isBlank() ? null : value.trim();
        if (given != null && !allowed.contains(given)) {
            throw new InvalidRequestException(name, "must be one of " + new java.util.TreeSet<>(allowed) + ", got '" + value + "'");
        }
        return given;
    }

    /** An ISO-8601 instant with an offset, e.g. {@code 2026-11-28T09:00:00Z}, in the {@link InstantRange}. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name, "must be an ISO-8601 date-time with an offset, e.g. 2026-11-28T09:00:00Z");
        }
        if (!InstantRange.contains(instant)) {
            throw new InvalidRequestException(name, InstantRange.PROBLEM + ", got '" + value.trim() + "'");
        }
        return instant;
    }
}
