package io.texium.scheduler.timers.boundary;

import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.texium.scheduler.platform.ApiExamples;
import io.texium.scheduler.jobs.control.JobRepository;
import io.texium.scheduler.jobs.control.JobSchedule;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.timers.control.JobTimers;
import io.texium.scheduler.security.control.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The live EJB timers, for inspection, and how they differ from the jobs that should have one. */
@Path("scheduler/timers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "timers")
public class TimersResource {

    @Inject
    JobTimers timers;

    @Inject
    JobRepository jobs;

    @Inject
    Caller caller;

    /**
     * One live timer; {@code exact} is false when the expression is wider than the schedule and each
     * timeout is checked against the schedule engine.
     */
    public record TimerView(String jobId, String jobName, Map<String, Object> expression, String timezone,
                            Instant nextTimeout, boolean persistent, Boolean exact) {
    }

    /** All live timers and the drift. */
    public record Answer(boolean success, List<TimerView> data, int total, JobTimers.Drift drift) {
    }

    @GET
    @Operation(summary = "List the live EJB timers and any drift from the enabled jobs (admin only)")
    @APIResponse(responseCode = "200", description = "The live timers", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.TIMERS)))
    public Answer list() {
        caller.requireAdmin();
        var views = timers.timers().stream().map(this::view).toList();
        return new Answer(true, views, views.size(), timers.drift());
    }

    private TimerView view(JobTimers.TimerInfo timer) {
        Optional<Job> job = jobs.findById(timer.jobId());
        return new TimerView(timer.jobId(), job.map(Job::name).orElse(null), timer.expression(),
                (String) timer.expression().get("timezone"), timer.nextTimeout(), timer.persistent(),
                job.map(j -> JobSchedule.of(j).toCalendarPlan().exact()).orElse(null));
    }
}
