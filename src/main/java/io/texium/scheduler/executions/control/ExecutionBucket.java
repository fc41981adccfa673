package io.texium.scheduler.executions.control;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.bson.types.ObjectId;

/**
 * The hour an execution is filed under: the UTC hour of its id's timestamp (a fire's due second, a manual run's
 * start), named {@code yyyyMMddHH} and stored in the collection {@code scheduler_executions_<name>}; names sort
 * as the hours do.
 */
public record ExecutionBucket(String name) implements Comparable<ExecutionBucket> {

    static final String PREFIX = "scheduler_executions_";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("uuuuMMddHH");

    public ExecutionBucket {
        if (name == null || !name.matches("\\d{10}")) {
            throw new IllegalArgumentException("not a bucket name: " + name);
        }
    }

    /** The bucket of the hour that holds the instant. */
    public static ExecutionBucket of(Instant instant) {
        return new ExecutionBucket(NAME.format(instant.atOffset(ZoneOffset.UTC)));
    }

    /** The bucket of an execution, by its id (24 hex digits). */
    public static ExecutionBucket ofId(String executionId) {
        return of(Instant.ofEpochSecond(new ObjectId(executionId).getTimestamp()));
    }

    /** The bucket a collection holds, if it is a bucket collection. */
    static Optional<ExecutionBucket> ofCollection(String collection) {
        if (collection.startsWith(PREFIX) && collection.substring(PREFIX.length()).matches("\\d{10}")) {
            return Optional.of(new ExecutionBucket(collection.substring(PREFIX.length())));
        }
        return Optional.empty();
    }

    /** The first instant of the hour. */
    public Instant start() {
        return LocalDateTime.parse(name, NAME.withZone(ZoneOffset.UTC)).toInstant(ZoneOffset.UTC);
    }

    /** The first instant after the hour. */
    public Instant end() {
        return start().plus(1, ChronoUnit.HOURS);
    }

    public String collection() {
        return PREFIX + name;
    }

    @Override
    public int compareTo(ExecutionBucket other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
