package io.texium.scheduler.jobs.control;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.JsonFields;
import io.texium.scheduler.platform.JsonValues;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.problems.InvalidRequestException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The fields of a job create or update request, checked for type and applied to a {@link Job}.
 * Only the fields present are applied, so the same code serves a create and a partial update.
 */
public final class JobRequest {

    /** Fields a client may echo back from a GET; they are ignored, never written. */
    static final Set<String> READ_ONLY = Set.of("id", "_id", "job_id", "created_at", "updated_at", "last_run_time",
            "next_run_time", "total_executions", "schedule_description");

    /** Schedule fields that may be given as a string or an integer, in the order of the cron fields. */
    static final Map<String, BiConsumer<Job, String>> CRON_FIELDS = orderedCronFields();

    private final JsonObject body;
    private final List<FieldProblem> problems = new ArrayList<>();

    private JobRequest(JsonObject body) {
        this.body = body;
    }

    public static JobRequest of(String body) {
        return of(JsonValues.object(body));
    }

    public static JobRequest of(JsonObject body) {
        return new JobRequest(body);
    }

    /** Whether the request changes when the job runs. */
    public boolean changesSchedule() {
        return body.keySet().stream().anyMatch(k -> CRON_FIELDS.containsKey(k)
                || Set.of("cron", "timezone", "start_date", "end_date").contains(k));
    }

    /** Applies the present fields; throws a 400 listing every field of the wrong type or unknown. */
    public void applyTo(Job job) {
        if (body.containsKey("day") && body.containsKey("day_of_month")) {
            problems.add(new FieldProblem("day", "give day or day_of_month, not both"));
        }
        boolean cronGiven = body.containsKey("cron") && body.get("cron").getValueType() != JsonValue.ValueType.NULL;
        boolean fieldsGiven = body.keySet().stream().anyMatch(CRON_FIELDS::containsKey);
        if (cronGiven && fieldsGiven) {
            problems.add(new FieldProblem("cron", "give either cron or the schedule fields (second .. year), not both"));
        }
        for (var entry : body.entrySet()) {
            String field = entry.getKey();
            JsonValue value = entry.getValue();
            if (READ_ONLY.contains(field)) {
                continue;
            }
            if (CRON_FIELDS.containsKey(field)) {
                job.cron(null);
                CRON_FIELDS.get(field).accept(job, scheduleValue(field, value));
                continue;
            }
            switch (field) {
                case "user_id" -> job.userId(JsonFields.text(field, value, true, problems));
                case "job_class_string" -> job.jobClassString(JsonFields.text(field, value, true, problems));
                case "name" -> job.name(JsonFields.text(field, value, true, problems));
                case "description" -> job.description(JsonFields.text(field, value, false, problems));
                case "timezone" -> job.timezone(JsonFields.text(field, value, false, problems));
                case "start_date" -> job.startDate(JsonFields.text(field, value, false, problems));
                case "end_date" -> job.endDate(JsonFields.text(field, value, false, problems));
                case "cron" -> {
                    job.cron(JsonFields.text(field, value, false, problems));
                    if (job.cron() != null) {
                        CRON_FIELDS.values().forEach(setter -> setter.accept(job, null));
                    }
                }
                case "pub_args" -> {
                    if (value.getValueType() == JsonValue.ValueType.NULL) {
                        job.pubArgs(List.of());
                    } else if (value.getValueType() == JsonValue.ValueType.ARRAY) {
                        storable(field, () -> job.pubArgs(JsonValues.list(value.asJsonArray())));
                    } else {
                        problems.add(new FieldProblem(field, "must be a JSON array"));
                    }
                }
                case "pub_kwargs" -> {
                    if (value.getValueType() == JsonValue.ValueType.NULL) {
                        job.pubKwargs(Map.of());
                    } else if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                        storable(field, () -> job.pubKwargs(JsonValues.map(value.asJsonObject())));
                    } else {
                        problems.add(new FieldProblem(field, "must be a JSON object"));
                    }
                }
                case "is_enabled" -> flag(field, value, job::enabled);
                case "is_paused" -> flag(field, value, job::paused);
                default -> problems.add(new FieldProblem(field, "is not a job field"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    /** Applies a value MongoDB must be able to store, or records why it cannot. */
    private void storable(String field, Runnable apply) {
        try {
            apply.run();
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(field, e.getMessage()));
        }
    }

    private String scheduleValue(String field, JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> null;
            case STRING -> blankToNull(((JsonString) value).getString());
            case NUMBER -> {
                var number = (JsonNumber) value;
                if (number.isIntegral()) {
                    yield number.bigIntegerValue().toString();
                }
                problems.add(new FieldProblem(field, "must be a string or an integer"));
                yield null;
            }
            default -> {
                problems.add(new FieldProblem(field, "must be a string or an integer"));
                yield null;
            }
        };
    }

    private void flag(String field, JsonValue value, java.util.function.Consumer<Boolean> setter) {
        switch (value.getValueType()) {
            case TRUE -> setter.accept(true);
            case FALSE -> setter.accept(false);
            default -> problems.add(new FieldProblem(field, "must be true or false"));
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static Map<String, BiConsumer<Job, String>> orderedCronFields() {
        var fields = new java.util.LinkedHashMap<String, BiConsumer<Job, String>>();
        fields.put("second", Job::second);
        fields.put("minute", Job::minute);
        fields.put("hour", Job::hour);
        fields.put("day_of_week", Job::dayOfWeek);
        fields.put("day_of_month", Job::dayOfMonth);
        fields.put("day", Job::dayOfMonth);
        fields.put("week", Job::week);
        fields.put("month", Job::month);
        fields.put("year", Job::year);
        return java.util.Collections.unmodifiableMap(fields);
    }
}
