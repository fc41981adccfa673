package io.texium.scheduler.jobs.boundary;

import io.texium.scheduler.jobs.control.JobLimits;
import io.texium.scheduler.jobs.control.JobRequest;
import io.texium.scheduler.jobs.control.JobSchedule;
import io.texium.scheduler.platform.ApiExamples;
import io.texium.scheduler.platform.JsonFields;
import io.texium.scheduler.platform.JsonValues;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.problems.InvalidRequestException;
import io.texium.scheduler.schedule.ScheduleSpec;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Shows when a schedule would fire, validated by the same code and in the same words as the job endpoints. */
@Path("scheduler/schedules/preview")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
public class SchedulePreviewResource {

    static final int MAX_COUNT = 100;

    @Inject
    Clock clock;

    @Inject
    JobLimits limits;

    /** The preview: times with their zone's offset, an English description and the effective fields. */
    public record Preview(List<String> nextRunTimes, String description, Map<String, String> fields) {
    }

    /** The envelope of the original service. */
    public record Answer(boolean success, Preview data) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "previewSchedule", summary = "Preview the next fire times of a schedule",
            description = "after is exclusive (default now); count 1..100 (default 5); fewer when the schedule ends.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {@ExampleObject(name = "weekdays",
            value = "{\"minute\": \"*/5\", \"hour\": \"9-17\", \"day_of_week\": \"mon-fri\", \"timezone\": \"America/New_York\", \"count\": 3}"),
            @ExampleObject(name = "a crontab line between two dates", value = "{\"cron\": \"0 9 * * 1-5\", \"timezone\": \"Europe/Berlin\","
                    + " \"start_date\": \"2027-01-01\", \"end_date\": \"2027-03-31\", \"after\": \"2026-12-31T12:00:00Z\", \"count\": 3}")}))
    @APIResponse(responseCode = "200", description = "The next fire times", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.PREVIEW)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(mediaType = "application/problem+json",
            examples = @ExampleObject(name = "400", value = ApiExamples.PROBLEM)))
    public Answer preview(String body) {
        JsonObject json = JsonValues.object(body);
        List<FieldProblem> problems = new ArrayList<>();
        Instant after = json.get("after") == null || json.isNull("after") ? clock.instant()
                : JsonFields.instant("after", json.get("after"), problems);
        int count = count(json.get("count"), problems);
        var schedule = Json.scheduleOnly(json, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        ScheduleSpec spec = JobRequest.of(schedule).applyTo(ScheduleSpec.NONE);
        if (!limits.scheduleFits(spec, problems)) {
            throw new InvalidRequestException(problems);
        }
        var cron = JobSchedule.check(spec, after, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        List<String> times = cron.nextFireTimes(after, count).stream()
                .map(DateTimeFormatter.ISO_OFFSET_DATE_TIME::format).toList();
        return new Answer(true, new Preview(times, cron.describe(), cron.fields()));
    }


    private static int count(JsonValue value, List<FieldProblem> problems) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return 5;
        }
        if (value instanceof JsonNumber number && number.isIntegral()
                && number.longValue() >= 1 && number.longValue() <= MAX_COUNT) {
            return number.intValue();
        }
        problems.add(new FieldProblem("count", "must be an integer from 1 to " + MAX_COUNT));
        return 0;
    }

    /** The schedule keys of the body; any other key except after and count is refused. */
    private static final class Json {
        static JsonObject scheduleOnly(JsonObject body, List<FieldProblem> problems) {
            var builder = jakarta.json.Json.createObjectBuilder();
            body.forEach((key, value) -> {
                if (ScheduleSpec.isName(key)) {
                    builder.add(key, value);
                } else if (!key.equals("after") && !key.equals("count")) {
                    problems.add(new FieldProblem(key, "is not a schedule field"));
                }
            });
            return builder.build();
        }
    }
}
