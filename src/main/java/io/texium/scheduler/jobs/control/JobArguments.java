package io.texium.scheduler.jobs.control;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.problems.FieldProblem;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a job's {@code pub_args} and {@code pub_kwargs} may hold: only what MongoDB stores and the entity mapper reads
 * back, since a job that cannot be read breaks every request that shows it (its GET, every list, pause, run).
 * Refused: a null inside (JNoSQL 1.1 reads null list elements and null map values back as errors), a key with a NUL
 * character (BSON keys are C strings), a number beyond a 64-bit float (JSON has no infinity to answer with), and
 * nesting deeper than {@value #MAX_DEPTH} (MongoDB refuses documents nested deeper than 100 levels).
 */
final class JobArguments {

    static final int MAX_DEPTH = 64;
    private static final String NULL = "holds a null, which a job cannot keep; leave the entry out";

    private JobArguments() {
    }

    /** Adds a problem for each of the job's argument fields that holds what cannot be kept. */
    static void check(Job job, List<FieldProblem> problems) {
        problemWith(job.pubArgs(), 0).ifPresent(p -> problems.add(new FieldProblem("pub_args", p)));
        problemWith(job.pubKwargs(), 0).ifPresent(p -> problems.add(new FieldProblem("pub_kwargs", p)));
    }

    /**
     * The size of the value written as JSON, in UTF-8 bytes (strings without their escapes), counted until it is
     * past {@code stopAbove}: a client's arguments are sized without writing them out.
     */
    static long jsonBytes(Object value, long stopAbove) {
        if (value instanceof String text) {
            return 2 + utf8Length(text);
        }
        if (value instanceof List<?> items) {
            long size = 1 + Math.max(1, items.size());
            for (Object item : items) {
                size += jsonBytes(item, stopAbove - size);
                if (size > stopAbove) {
                    return size;
                }
            }
            return size;
        }
        if (value instanceof Map<?, ?> entries) {
            long size = 1 + Math.max(1, entries.size());
            for (var entry : entries.entrySet()) {
                size += 3 + utf8Length(String.valueOf(entry.getKey())) + jsonBytes(entry.getValue(), stopAbove - size);
                if (size > stopAbove) {
                    return size;
                }
            }
            return size;
        }
        return String.valueOf(value).length();
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Why {@code value}, {@code depth} levels below the argument field, cannot be kept; empty when it can. */
    private static Optional<String> problemWith(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.of("is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
            return Optional.of("holds a number beyond a 64-bit float");
        }
        if (value instanceof List<?> items) {
            for (Object item : items) {
                Optional<String> problem = item == null ? Optional.of(NULL) : problemWith(item, depth + 1);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        if (value instanceof Map<?, ?> entries) {
            for (var entry : entries.entrySet()) {
                if (String.valueOf(entry.getKey()).indexOf('\u0000') >= 0) {
                    return Optional.of("has a key with a NUL character");
                }
                Optional<String> problem = entry.getValue() == null ? Optional.of(NULL) : problemWith(entry.getValue(), depth + 1);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }
}
