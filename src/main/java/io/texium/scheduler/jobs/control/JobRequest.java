package io.texium.scheduler.jobs.control;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.JsonFields;
import io.texium.scheduler.platform.JsonValues;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.problems.InvalidRequestException;
import io.texium.scheduler.schedule.ScheduleSpec;
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
 * The fields of a job create or update request, checked for type and applied to a {@link Job}, or only its
 * schedule fields to a {@link ScheduleSpec}. Only the fields present are applied, so the same code serves a create
 * and a partial update.
 */
public final class JobRequest {

    /** Fields a client may echo back from a GET; they are ignored, never written. */
    static final Set<String> READ_ONLY = Set.of("id", "_id", "job_id", "created_at", "updated_at", "last_run_time",
            "next_run_time", "total_executions", "schedule_description");

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

    /** Whether the request sends the job class or its arguments, which are then checked against the class. */
    public boolean changesArguments() {
        return body.containsKey("job_class_string") || body.containsKey("pub_args") || body.containsKey("pub_kwargs");
    }

    /** Whether the request sends a chain ({@code on_success} or {@code on_failure}), which is then checked in the store. */
    public boolean changesChains() {
        return JobPolicyFields.changesChains(body.keySet());
    }

    /** Whether the request changes when the job runs. */
    public boolean changesSchedule() {
        return body.keySet().stream().anyMatch(ScheduleSpec::isName);
    }

    /** Applies the present fields; throws a 400 listing every field of the wrong type or unknown. */
    public void applyTo(Job job) {
        job.schedule(apply(job.schedule(), (field, value) -> applyJobField(job, field, value)));
    }

    /**
     * The schedule with the request's schedule fields applied, for a schedule without a job; throws a 400 listing
     * every field of the wrong type or not of a schedule.
     */
    public ScheduleSpec applyTo(ScheduleSpec schedule) {
        return apply(schedule, (field, value) -> problems.add(new FieldProblem(field, "is not a schedule field")));
    }

    /** Applies the present schedule fields to the schedule and hands every other field on, in the body's order. */
    private ScheduleSpec apply(ScheduleSpec schedule, BiConsumer<String, JsonValue> otherField) {
        if (body.containsKey("day") && body.containsKey("day_of_month")) {
            problems.add(new FieldProblem("day", "give day or day_of_month, not both"));
        }
        boolean cronGiven = body.containsKey("cron") && body.get("cron").getValueType() != JsonValue.ValueType.NULL;
        boolean fieldsGiven = body.keySet().stream().anyMatch(ScheduleSpec::isField);
        if (cronGiven && fieldsGiven) {
            problems.add(new FieldProblem("cron", "give either cron or the schedule fields (second .. year), not both"));
        }
        ScheduleSpec result = schedule;
        for (var entry : body.entrySet()) {
            String field = entry.getKey();
            if (READ_ONLY.contains(field)) {
                continue;
            }
            if (ScheduleSpec.isName(field)) {
                result = result.with(field, scheduleValue(field, entry.getValue()));
            } else {
                otherField.accept(field, entry.getValue());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return result;
    }

    private void applyJobField(Job job, String field, JsonValue value) {
        switch (field) {
            case "user_id" -> job.userId(JsonFields.text(field, value, true, problems));
            case "job_class_string" -> job.jobClassString(JsonFields.text(field, value, true, problems));
            case "name" -> job.name(JsonFields.text(field, value, true, problems));
            case "description" -> job.description(JsonFields.text(field, value, false, problems));
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
            case "notify" -> job.notifySetting(JobNotify.read(value, problems));
            case "is_enabled" -> flag(field, value, job::enabled);
            case String policy when JobPolicyFields.isName(policy) -> JobPolicyFields.apply(job, policy, value, problems);
            case "is_paused" -> flag(field, value, job::paused);
            default -> problems.add(new FieldProblem(field, "is not a job field"));
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

    /** A cron field may be a string or an integer; the crontab line, the zone and the dates are strings. */
    private String scheduleValue(String field, JsonValue value) {
        if (!ScheduleSpec.isField(field)) {
            return JsonFields.text(field, value, false, problems);
        }
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
}
