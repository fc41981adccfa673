package io.texium.scheduler.executions.boundary;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.executions.control.Cancels;
import io.texium.scheduler.executions.control.ExecutionQueries;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.platform.ApiExamples;
import io.texium.scheduler.platform.Envelopes;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.platform.QueryParams;
import io.texium.scheduler.problems.InvalidRequestException;
import io.texium.scheduler.problems.NotFoundException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Locale;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The executions API: what ran, when, where, and with what outcome. */
@Path("scheduler/executions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "executions")
public class ExecutionsResource {

    @Inject
    ExecutionQueries queries;

    @Inject
    Cancels cancels;

    @Inject
    Caller caller;

    /** How long a cancel waits for the execution to end before it answers 202. */
    static final long CANCEL_WAIT_SECONDS = 5;

    @GET
    @Operation(operationId = "listExecutions", summary = "List executions", description = "Newest first by id (a fire's due second, a manual run's start);"
            + " since is inclusive, until exclusive (ISO-8601), on scheduled_time. Page by number (page, page_size) or by"
            + " key: before=next_before gives the older executions, after=<id> the newer ones (then next_after)."
            + " total_estimated is true when a filter by time, or by job with user or status, was counted in part and"
            + " extrapolated.")
    @APIResponse(responseCode = "200", description = "A page of executions", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.EXECUTION_LIST)))
    public ExecutionList list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
                              @QueryParam("job_id") String jobId, @QueryParam("user_id") String userId,
                              @QueryParam("status") String status, @QueryParam("since") String since,
                              @QueryParam("until") String until, @QueryParam("before") String before,
                              @QueryParam("after") String after) {
        var filter = new ExecutionQueries.Filter(jobId, caller.scopeFor(userId), QueryParams.enumValue("status", status, ExecutionStatus.class),
                QueryParams.instant("since", since), QueryParams.instant("until", until));
        var keys = new ExecutionQueries.Keys(key("before", before), key("after", after));
        return ExecutionList.of(queries.list(filter, PageRequest.of(page, pageSize), keys), caller.admin());
    }

    @GET
    @Path("{execution_id}")
    @Operation(operationId = "getExecution", summary = "Read an execution, with its output or error")
    @APIResponse(responseCode = "200", description = "The execution", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.ONE_EXECUTION)))
    public Envelopes.One<ExecutionView> get(@PathParam("execution_id") String executionId) {
        String id = Ids.require("execution", executionId);
        var execution = queries.find(id).orElseThrow(() -> new NotFoundException("execution", executionId));
        caller.requireVisible(execution.userId(), "execution", executionId);
        // a chained run belongs to its own job's owner: the caller sees those they may see
        var children = queries.children(execution).stream()
                .filter(x -> caller.admin() || java.util.Objects.equals(x.userId(), caller.id())).toList();
        return Envelopes.one(ExecutionView.of(execution, caller.admin()).withChildren(children));
    }

    @POST
    @Path("{execution_id}/cancel")
    @Operation(operationId = "cancelExecution", summary = "Cancel an execution", description = "A scheduled execution is cancelled before it starts; a"
            + " running one is stopped on whichever instance runs it (its thread is interrupted) and ends cancelled."
            + " Waits up to " + CANCEL_WAIT_SECONDS + " s for the execution to end. The execution's owner or an"
            + " administrator; audited as execution_cancelled.")
    @APIResponse(responseCode = "200", description = "The execution, ended (cancelled, or the outcome it reached"
            + " meanwhile)", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.CANCELLED_EXECUTION)))
    @APIResponse(responseCode = "202", description = "The execution, still stopping (its instance has been asked)",
            content = @Content(mediaType = "application/json"))
    @APIResponse(responseCode = "404", description = "No such execution, or not the caller's")
    @APIResponse(responseCode = "409", description = "The execution has ended already")
    public Response cancel(@PathParam("execution_id") String executionId) {
        String id = Ids.require("execution", executionId);
        var execution = queries.find(id).orElseThrow(() -> new NotFoundException("execution", executionId));
        caller.requireVisible(execution.userId(), "execution", executionId);
        var now = cancels.cancel(execution, Duration.ofSeconds(CANCEL_WAIT_SECONDS));
        var view = Envelopes.one(ExecutionView.of(now, caller.admin()));
        return (now.status().ended() ? Response.ok(view) : Response.accepted(view)).build();
    }

    private static String key(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String id = value.trim().toLowerCase(Locale.ROOT);
        if (id.length() != 24 || !ObjectId.isValid(id)) {
            throw new InvalidRequestException(name, "must be an execution id (24 hex digits), got '" + value + "'");
        }
        return id;
    }
}
