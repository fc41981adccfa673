package io.texium.scheduler.timers.boundary;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.platform.ApiExamples;
import io.texium.scheduler.platform.Envelopes;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.platform.QueryParams;
import io.texium.scheduler.timers.control.Reconciled;
import io.texium.scheduler.timers.control.TimerActions;
import io.texium.scheduler.timers.control.TimerDrifts;
import io.texium.scheduler.timers.control.TimerView;
import io.texium.scheduler.timers.control.TimerViews;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The job timers of this instance (live EJB timers), of another one or of all (from the snapshots they publish), a
 * page at a time, each with the instance that holds it, the job's owners and the job behind it; on request, how each
 * instance's timers differ from the jobs; and the actions on them: re-arm one job's timer, reconcile now.
 */
@Path("scheduler/timers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "timers")
public class TimersResource {

    static final String INSTANCE = "instance: this instance by default, another instance's id, or all.";

    @Inject
    TimerViews views;

    @Inject
    TimerDrifts drifts;

    @Inject
    TimerActions actions;

    @Inject
    Caller caller;

    /**
     * A page of timers, by instance (this one first) then job id; with {@code drift=true}, the drift of each instance
     * asked ({@code drifts}) and {@code drift}, the first of them (this instance's, or the one named).
     */
    public record Answer(boolean success, List<TimerView> data, long total, int page, int pageSize,
                         TimerDrifts.InstanceDrift drift, List<TimerDrifts.InstanceDrift> drifts) {
    }

    @GET
    @Operation(operationId = "listTimers",
            summary = "List the job timers of this instance, another or all, by job id (admin only)",
            description = "page and page_size as for every list; job_id for one job's timer; " + INSTANCE
                    + " Another instance's timers come from the snapshot it publishes on its heartbeat (next_timeout"
                    + " from the schedule, armed_at absent). Each timer shows the job behind it (name, owner, schedule"
                    + " in words, paused), its last fire that ran and the lag of its last fires (newest first)."
                    + " drift=true adds each instance's drift: this instance's timers against the active jobs' versions"
                    + " (source live), another's published snapshot against the active jobs it owns (source snapshot;"
                    + " stale not known there).")
    @APIResponse(responseCode = "200", description = "The timers", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.TIMERS)))
    @APIResponse(responseCode = "400", description = "A parameter out of range (application/problem+json)")
    @APIResponse(responseCode = "401", description = "Not signed in (application/problem+json)")
    @APIResponse(responseCode = "403", description = "Not an admin (application/problem+json)")
    @APIResponse(responseCode = "404", description = "No such instance (application/problem+json)")
    public Answer list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
                       @QueryParam("job_id") String jobId, @QueryParam("instance") String instance,
                       @QueryParam("drift") String drift) {
        caller.requireAdmin();
        var request = PageRequest.of(page, pageSize);
        String id = jobId == null ? null : Ids.require("job", jobId);
        boolean withDrift = Boolean.TRUE.equals(QueryParams.bool("drift", drift));
        var found = views.page(instance, id, request.skip(), request.size());
        List<TimerDrifts.InstanceDrift> all = withDrift ? drifts.of(views.sources(instance)) : null;
        return new Answer(true, found.views(), found.total(), request.page(), request.size(),
                all == null || all.isEmpty() ? null : all.get(0), all);
    }

    @POST
    @Path("{job_id}/rearm")
    @Operation(operationId = "rearmTimer", summary = "Re-arm a job's timer now (admin only)",
            description = "Cancels the job's timer and arms it again from the job as stored, on the instances named: "
                    + INSTANCE + " This instance re-arms at once and answers its timer after (null when it holds none:"
                    + " the job is paused, disabled, has no fire left or is owned by other instances); the others re-arm"
                    + " when their change feed delivers the request (within a second or two). Audited (timer_rearmed).")
    @APIResponse(responseCode = "200", description = "Re-armed", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.TIMER_REARMED)))
    @APIResponse(responseCode = "401", description = "Not signed in (application/problem+json)")
    @APIResponse(responseCode = "403", description = "Not an admin (application/problem+json)")
    @APIResponse(responseCode = "404", description = "No such job or instance (application/problem+json)")
    public Envelopes.One<TimerActions.Rearmed> rearm(@PathParam("job_id") String jobId,
                                                     @QueryParam("instance") String instance) {
        return Envelopes.one(actions.rearm(jobId, instance));
    }

    @POST
    @Path("reconcile")
    @Operation(operationId = "reconcileTimers", summary = "Reconcile the timers with the jobs now (admin only)",
            description = "Makes each instance's timers equal to the active jobs it owns: arms the missing, re-arms the"
                    + " stale, cancels the orphans (every instance also does this once a minute). " + INSTANCE
                    + " Answers, per instance, the drift found (counts and the first 100 job ids of each kind) and what"
                    + " was repaired; another instance answers through the store within 5 s, else answered is false"
                    + " (it still reconciles when its change feed delivers the request). Audited (timers_reconciled).")
    @APIResponse(responseCode = "200", description = "Reconciled", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.TIMERS_RECONCILED)))
    @APIResponse(responseCode = "401", description = "Not signed in (application/problem+json)")
    @APIResponse(responseCode = "403", description = "Not an admin (application/problem+json)")
    @APIResponse(responseCode = "404", description = "No such instance (application/problem+json)")
    public Envelopes.One<List<Reconciled>> reconcile(@QueryParam("instance") String instance) {
        return Envelopes.one(actions.reconcile(instance));
    }
}
