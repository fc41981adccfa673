package io.texium.scheduler.executions.boundary;

import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.texium.scheduler.platform.ApiExamples;
import io.texium.scheduler.executions.control.ExecutionQueries;
import io.texium.scheduler.executions.control.ExecutionRepository;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.platform.Envelopes;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.platform.QueryParams;
import io.texium.scheduler.problems.NotFoundException;
import io.texium.scheduler.security.control.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    ExecutionRepository repository;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "List executions", description = "Newest first; since is inclusive, until exclusive (ISO-8601).")
    @APIResponse(responseCode = "200", description = "A page of executions", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.EXECUTION_LIST)))
    public Envelopes.Many<ExecutionView> list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
                                          @QueryParam("job_id") String jobId, @QueryParam("user_id") String userId,
                                          @QueryParam("status") String status, @QueryParam("since") String since,
                                          @QueryParam("until") String until) {
        var filter = new ExecutionQueries.Filter(jobId, caller.scopeFor(userId), QueryParams.enumValue("status", status, ExecutionStatus.class),
                QueryParams.instant("since", since), QueryParams.instant("until", until));
        return Envelopes.many(queries.list(filter, PageRequest.of(page, pageSize)).map(ExecutionView::of));
    }

    @GET
    @Path("{execution_id}")
    @Operation(summary = "Read an execution, with its output or error")
    @APIResponse(responseCode = "200", description = "The execution", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.ONE_EXECUTION)))
    public Envelopes.One<ExecutionView> get(@PathParam("execution_id") String executionId) {
        String id = Ids.require("execution", executionId);
        var execution = repository.findById(id).orElseThrow(() -> new NotFoundException("execution", executionId));
        caller.requireVisible(execution.userId(), "execution", executionId);
        return Envelopes.one(ExecutionView.of(execution));
    }
}
