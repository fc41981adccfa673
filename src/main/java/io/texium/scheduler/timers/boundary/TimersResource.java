package io.texium.scheduler.timers.boundary;

import io.texium.scheduler.jobs.control.JobRepository;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.timers.control.JobTimers;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    /** One live timer. */
    public record TimerView(String jobId, String jobName, Map<String, Object> expression, String timezone,
                            Instant nextTimeout, boolean persistent) {
    }

    /** All live timers and the drift. */
    public record Answer(boolean success, List<TimerView> data, int total, JobTimers.Drift drift) {
    }

    @GET
    @Operation(summary = "List the live EJB timers and any drift from the enabled jobs")
    public Answer list() {
        var views = timers.timers().stream().map(t -> new TimerView(t.jobId(),
                jobs.findById(t.jobId()).map(Job::name).orElse(null), t.expression(),
                (String) t.expression().get("timezone"), t.nextTimeout(), t.persistent())).toList();
        return new Answer(true, views, views.size(), timers.drift());
    }
}
