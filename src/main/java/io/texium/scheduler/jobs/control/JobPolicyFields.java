package io.texium.scheduler.jobs.control;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.problems.FieldProblem;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.types.ObjectId;

/**
 * The run policy fields of a job request ({@code max_retries} ... {@code on_failure}): read with their types (JSON
 * null sets a field back to its default), and checked for their ranges and list rules when the job is saved. Whether
 * a chain names jobs the owner may see, and whether it makes a cycle, needs the store: {@link JobChains}.
 */
final class JobPolicyFields {

    static final String MAX_RETRIES = "max_retries";
    static final String RETRY_DELAY = "retry_delay_seconds";
    static final String RETRY_BACKOFF = "retry_backoff";
    static final String RETRY_MAX_DELAY = "retry_max_delay_seconds";
    static final String TIMEOUT = "timeout_seconds";
    static final String MAX_INSTANCES = "max_instances";
    static final String MISFIRE_GRACE = "misfire_grace_seconds";
    static final String COALESCE = "coalesce";
    static final String ON_SUCCESS = "on_success";
    static final String ON_FAILURE = "on_failure";

    /** The most jobs one chain list may name. */
    static final int MAX_CHAINED = 20;

    /** The API names of the fields, in the order a view shows them. */
    static final List<String> NAMES = List.of(MAX_RETRIES, RETRY_DELAY, RETRY_BACKOFF, RETRY_MAX_DELAY, TIMEOUT, MAX_INSTANCES,
            MISFIRE_GRACE, COALESCE, ON_SUCCESS, ON_FAILURE);

    /** The inclusive range of a numeric field. */
    record Range(long min, long max) {
        boolean contains(BigDecimal value) {
            return value.compareTo(BigDecimal.valueOf(min)) >= 0 && value.compareTo(BigDecimal.valueOf(max)) <= 0;
        }

        String problem(String kind) {
            return "must be " + kind + " from " + String.format("%,d", min) + " to " + String.format("%,d", max);
        }
    }

    static final Map<String, Range> RANGES = Map.of(MAX_RETRIES, new Range(0, 100), RETRY_DELAY, new Range(1, 86_400),
            RETRY_BACKOFF, new Range(1, 10), RETRY_MAX_DELAY, new Range(1, 604_800), TIMEOUT, new Range(1, 604_800),
            MAX_INSTANCES, new Range(1, 1_000), MISFIRE_GRACE, new Range(0, 2_592_000));

    private JobPolicyFields() {
    }

    static boolean isName(String field) {
        return NAMES.contains(field);
    }

    /** Applies one policy field of a request to the job; a value of the wrong type or out of range adds a problem. */
    static void apply(Job job, String field, JsonValue value, List<FieldProblem> problems) {
        switch (field) {
            case MAX_RETRIES -> whole(field, value, problems, n -> job.maxRetries(n == null ? null : n.intValue()));
            case RETRY_DELAY -> whole(field, value, problems, job::retryDelaySeconds);
            case RETRY_BACKOFF -> number(field, value, problems, job::retryBackoff);
            case RETRY_MAX_DELAY -> whole(field, value, problems, job::retryMaxDelaySeconds);
            case TIMEOUT -> whole(field, value, problems, job::timeoutSeconds);
            case MAX_INSTANCES -> whole(field, value, problems, n -> job.maxInstances(n == null ? null : n.intValue()));
            case MISFIRE_GRACE -> whole(field, value, problems, job::misfireGraceSeconds);
            case COALESCE -> {
                switch (value.getValueType()) {
                    case TRUE -> job.coalesce(true);
                    case FALSE -> job.coalesce(false);
                    case NULL -> job.coalesce(null);
                    default -> problems.add(new FieldProblem(field, "must be true, false or null (the default, true)"));
                }
            }
            case ON_SUCCESS -> ids(field, value, problems, job::onSuccess);
            case ON_FAILURE -> ids(field, value, problems, job::onFailure);
            default -> throw new IllegalArgumentException("not a policy field: " + field);
        }
    }

    /**
     * An integer in the field's range, or null for JSON null. The range is checked here too, before the value is
     * turned into a Java number: {@code 1e999999999} is an integer no {@code long} holds.
     */
    private static void whole(String field, JsonValue value, List<FieldProblem> problems, Consumer<Long> setter) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            setter.accept(null);
            return;
        }
        Range range = RANGES.get(field);
        BigDecimal number = value instanceof JsonNumber n ? decimal(n) : null;
        if (number == null || number.stripTrailingZeros().scale() > 0) {
            problems.add(new FieldProblem(field, range.problem("an integer") + ", or null for the default"));
        } else if (!range.contains(number)) {
            problems.add(new FieldProblem(field, range.problem("an integer")));
        } else {
            setter.accept(number.longValueExact());
        }
    }

    private static void number(String field, JsonValue value, List<FieldProblem> problems, Consumer<Double> setter) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            setter.accept(null);
            return;
        }
        Range range = RANGES.get(field);
        BigDecimal number = value instanceof JsonNumber n ? decimal(n) : null;
        if (number == null) {
            problems.add(new FieldProblem(field, range.problem("a number") + ", or null for the default"));
        } else if (!range.contains(number)) {
            problems.add(new FieldProblem(field, range.problem("a number")));
        } else {
            setter.accept(number.doubleValue());
        }
    }

    private static BigDecimal decimal(JsonNumber number) {
        try {
            return number.bigDecimalValue();
        } catch (RuntimeException e) {
            return null; // a number the parser will not give as a decimal: reported as not a number in range
        }
    }

    /** A JSON array of job ids (strings), or null for none; an empty array is none as well. */
    private static void ids(String field, JsonValue value, List<FieldProblem> problems, Consumer<List<String>> setter) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            setter.accept(null);
            return;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            problems.add(new FieldProblem(field, "must be a JSON array of job ids, or null for none"));
            return;
        }
        var items = value.asJsonArray();
        if (items.size() > MAX_CHAINED) {
            problems.add(new FieldProblem(field, "must name at most " + MAX_CHAINED + " jobs"));
            return;
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof JsonString id) {
                String text = id.getString().strip();
                ids.add(ObjectId.isValid(text) ? text.toLowerCase(Locale.ROOT) : text);
            } else {
                problems.add(new FieldProblem(field + "[" + i + "]", "must be a job id (a string)"));
            }
        }
        setter.accept(ids.isEmpty() ? null : List.copyOf(ids));
    }

    /**
     * Adds a problem for each field of the job out of its range, and for each chain entry that names the job itself
     * or a job named before it in the same list: what can be told without the store.
     */
    static void check(Job job, List<FieldProblem> problems) {
        range(MAX_RETRIES, job.maxRetries(), problems);
        range(RETRY_DELAY, job.retryDelaySeconds(), problems);
        if (job.retryBackoff() != null && !(job.retryBackoff() >= 1 && job.retryBackoff() <= 10)) {
            problems.add(new FieldProblem(RETRY_BACKOFF, RANGES.get(RETRY_BACKOFF).problem("a number")));
        }
        range(RETRY_MAX_DELAY, job.retryMaxDelaySeconds(), problems);
        if (job.retryDelaySeconds() != null && job.retryMaxDelaySeconds() != null
                && job.retryMaxDelaySeconds() < job.retryDelaySeconds()) {
            problems.add(new FieldProblem(RETRY_MAX_DELAY, "must be at least retry_delay_seconds ("
                    + job.retryDelaySeconds() + "), the delay before the first retry"));
        }
        range(TIMEOUT, job.timeoutSeconds(), problems);
        range(MAX_INSTANCES, job.maxInstances(), problems);
        range(MISFIRE_GRACE, job.misfireGraceSeconds(), problems);
        chain(ON_SUCCESS, job.onSuccess(), job.id(), problems);
        chain(ON_FAILURE, job.onFailure(), job.id(), problems);
    }

    private static void range(String field, Number value, List<FieldProblem> problems) {
        if (value != null && !RANGES.get(field).contains(BigDecimal.valueOf(value.longValue()))) {
            problems.add(new FieldProblem(field, RANGES.get(field).problem("an integer")));
        }
    }

    private static void chain(String field, List<String> ids, String jobId, List<FieldProblem> problems) {
        if (ids == null) {
            return;
        }
        if (ids.size() > MAX_CHAINED) {
            problems.add(new FieldProblem(field, "must name at most " + MAX_CHAINED + " jobs"));
            return;
        }
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Integer earlier = first.putIfAbsent(id, i);
            if (id.equals(jobId)) {
                problems.add(new FieldProblem(field + "[" + i + "]", "is this job itself; a job cannot chain to itself"));
            } else if (earlier != null) {
                problems.add(new FieldProblem(field + "[" + i + "]", "names the same job as " + field + "[" + earlier + "]"));
            }
        }
    }

    /** The policy fields as set on the job (null: the default), by their API names: what an audit entry compares. */
    static Map<String, Object> snapshot(Job job) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(MAX_RETRIES, job.maxRetries());
        fields.put(RETRY_DELAY, job.retryDelaySeconds());
        fields.put(RETRY_BACKOFF, job.retryBackoff());
        fields.put(RETRY_MAX_DELAY, job.retryMaxDelaySeconds());
        fields.put(TIMEOUT, job.timeoutSeconds());
        fields.put(MAX_INSTANCES, job.maxInstances());
        fields.put(MISFIRE_GRACE, job.misfireGraceSeconds());
        fields.put(COALESCE, job.coalesce());
        fields.put(ON_SUCCESS, job.onSuccess());
        fields.put(ON_FAILURE, job.onFailure());
        return fields;
    }

    /** Whether the request body sets a chain list. */
    static boolean changesChains(Set<String> fields) {
        return fields.contains(ON_SUCCESS) || fields.contains(ON_FAILURE);
    }
}
