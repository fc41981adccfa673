package io.texium.scheduler.timers.boundary;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.ApiExamples;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.platform.QueryParams;
import io.texium.scheduler.timers.control.JobTimers;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The live EJB timers of this instance, a page at a time, and (on request) how they differ from the jobs. */
@Path("scheduler/timers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "timers")
public class TimersResource {

    @Inject
    JobTimers timers;

    @Inject
    JobQueries jobs;

    @Inject
    Caller caller;

    /**
     * One live timer; {@code exact} is false when the expression is wider than the schedule and each
     * timeout is checked against the schedule engine.
     */
    public record TimerView(String jobId, String jobName, Map<String, Object> expression, String timezone,
                            Instant nextTimeout, boolean persistent, Boolean exact, Instant armedAt) {
    }

    /** A page of timers, by job id; {@code drift} only when asked for ({@code drift=true}: it reads every active job). */
    public record Answer(boolean success, List<TimerView> data, long total, int page, int pageSize, JobTimers.Drift drift) {
    }

    @GET
    @Operation(summary = "List the live EJB timers of this instance, by job id (admin only)",
            description = "page and page_size as for every list; job_id for one job's timer; drift=true adds the"
                    + " difference from the enabled jobs in the store.")
    @APIResponse(responseCode = "200", description = "The live timers", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.TIMERS)))
    public Answer list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
                       @QueryParam("job_id") String jobId, @QueryParam("drift") String drift) {
        caller.requireAdmin();
        var request = PageRequest.of(page, pageSize);
        String id = jobId == null ? null : Ids.require("job", jobId);
        var found = timers.timers(id, request.skip(), request.size());
        Map<String, Job> byId = jobs.byIds(found.stream().map(JobTimers.TimerInfo::jobId).toList());
        var views = found.stream().map(t -> view(t, byId.get(t.jobId()))).toList();
        long total = id == null ? timers.count() : views.size();
        boolean withDrift = Boolean.TRUE.equals(QueryParams.bool("drift", drift));
        return new Answer(true, views, total, request.page(), request.size(), withDrift ? timers.drift() : null);
    }

    private static TimerView view(JobTimers.TimerInfo timer, Job job) {
        return new TimerView(timer.jobId(), job == null ? null : job.name(), timer.expression(),
                (String) timer.expression().get("timezone"), timer.nextTimeout(), timer.persistent(), timer.exact(),
                timer.armedAt());
    }
}
