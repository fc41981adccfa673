package io.texium.scheduler.timers.boundary;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.cluster.control.Owners;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.ApiExamples;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.platform.QueryParams;
import io.texium.scheduler.problems.NotFoundException;
import io.texium.scheduler.timers.control.JobTimers;
import io.texium.scheduler.timers.control.TimerSnapshots;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The job timers of this instance (live EJB timers), of another one or of all (from the snapshots they publish), a
 * page at a time, each with the instance that holds it and the job's owners; on request, how this instance's
 * timers differ from the jobs.
 */
@Path("scheduler/timers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "timers")
public class TimersResource {

    static final String ALL = "all";

    @Inject
    JobTimers timers;

    @Inject
    TimerSnapshots snapshots;

    @Inject
    Instances instances;

    @Inject
    JobQueries jobs;

    @Inject
    Caller caller;

    /**
     * One timer; {@code exact} is false when the expression is wider than the schedule and each timeout is checked
     * against the schedule engine. {@code instance} holds it; {@code owners} should (the primary first).
     */
    public record TimerView(String jobId, String jobName, Map<String, Object> expression, String timezone,
                            Instant nextTimeout, boolean persistent, Boolean exact, Instant armedAt, String instance,
                            List<String> owners) {
    }

    /**
     * A page of timers, by instance (this one first) then job id; {@code drift} (this instance's) only when asked for
     * ({@code drift=true}: it reads every active job).
     */
    public record Answer(boolean success, List<TimerView> data, long total, int page, int pageSize, JobTimers.Drift drift) {
    }

    /** Where a page's timers come from: this instance's live timers, or another's published snapshot. */
    private record Source(String instance, boolean local) {
    }

    @GET
    @Operation(operationId = "listTimers", summary = "List the job timers of this instance, another or all, by job id (admin only)",
            description = "page and page_size as for every list; job_id for one job's timer; instance: this instance by"
                    + " default, another instance's id, or all (another instance's timers come from the snapshot it"
                    + " publishes on its heartbeat: next_timeout from the schedule, armed_at absent); drift=true adds"
                    + " the difference of this instance's timers from the enabled jobs in the store.")
    @APIResponse(responseCode = "200", description = "The timers", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.TIMERS)))
    @APIResponse(responseCode = "403", description = "The caller is not an admin")
    public Answer list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
                       @QueryParam("job_id") String jobId, @QueryParam("instance") String instance,
                       @QueryParam("drift") String drift) {
        caller.requireAdmin();
        var request = PageRequest.of(page, pageSize);
        String id = jobId == null ? null : Ids.require("job", jobId);
        Owners owners = instances.owners();
        List<TimerInfoAt> found = new ArrayList<>();
        long total = 0;
        long skip = request.skip();
        for (Source source : sources(instance)) {
            long size = id != null ? 1 : source.local() ? timers.count() : snapshots.total(source.instance());
            if (id == null && skip >= size) {
                skip -= size;
                total += size;
                continue;
            }
            int room = request.size() - found.size();
            List<JobTimers.TimerInfo> page1 = source.local() ? timers.timers(id, (int) skip, room) : remote(source, id, skip, room);
            if (id != null) {
                size = page1.size();
            }
            page1.forEach(t -> found.add(new TimerInfoAt(t, source.instance())));
            total += size;
            skip = 0;
        }
        Map<String, Job> byId = jobs.byIds(found.stream().map(t -> t.info().jobId()).toList());
        var views = found.stream().map(t -> view(t, byId.get(t.info().jobId()), owners)).toList();
        boolean withDrift = Boolean.TRUE.equals(QueryParams.bool("drift", drift));
        return new Answer(true, views, total, request.page(), request.size(), withDrift ? timers.drift() : null);
    }

    private record TimerInfoAt(JobTimers.TimerInfo info, String instance) {
    }

    /** This instance, another registered one, or all of them (this one first). */
    private List<Source> sources(String instance) {
        String self = instances.id();
        if (instance == null || instance.isBlank() || instance.equals(self)) {
            return List.of(new Source(self, true));
        }
        List<Source> sources = new ArrayList<>();
        for (var known : instances.list()) {
            boolean live = !"left".equals(known.state());
            if (known.self() && ALL.equals(instance)) {
                sources.add(0, new Source(self, true));
            } else if (live && (ALL.equals(instance) || known.id().equals(instance))) {
                sources.add(new Source(known.id(), false));
            }
        }
        if (sources.isEmpty() && !ALL.equals(instance)) {
            throw new NotFoundException("instance", instance);
        }
        return sources;
    }

    /** Another instance's timers from its snapshot, described from the jobs as stored. */
    private List<JobTimers.TimerInfo> remote(Source source, String jobId, long skip, int limit) {
        List<String> ids;
        if (jobId != null) {
            ids = snapshots.holds(source.instance(), jobId) ? List.of(jobId) : List.of();
        } else if (limit <= 0) {
            return List.of();
        } else {
            ids = snapshots.page(source.instance(), skip, limit).jobIds();
        }
        Map<String, Job> stored = jobs.byIds(ids);
        return ids.stream().map(stored::get).filter(java.util.Objects::nonNull).map(timers::described).toList();
    }

    private static TimerView view(TimerInfoAt at, Job job, Owners owners) {
        var timer = at.info();
        return new TimerView(timer.jobId(), job == null ? null : job.name(), timer.expression(),
                (String) timer.expression().get("timezone"), timer.nextTimeout(), timer.persistent(), timer.exact(),
                timer.armedAt(), at.instance(), owners.of(timer.jobId()));
    }
}
