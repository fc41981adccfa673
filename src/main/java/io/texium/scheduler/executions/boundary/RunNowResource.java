package io.texium.scheduler.executions.boundary;

import io.texium.scheduler.executions.control.RunNow;
import io.texium.scheduler.platform.ApiExamples;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Run-now: an execution of a job started by hand, outside its schedule. */
@Path("scheduler/jobs/{job_id}/run")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
public class RunNowResource {

    @Inject
    RunNow runNow;

    /** The answer to a run-now: the execution that records it. */
    public record RunAccepted(boolean success, String executionId) {
    }

    @POST
    @Operation(operationId = "runJob", summary = "Run a job now", description = "Answers once the run is recorded; the execution records its outcome.")
    @APIResponse(responseCode = "202", description = "Accepted; execution_id names the run", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "202", value = ApiExamples.RUN_ACCEPTED)))
    public Response run(@PathParam("job_id") String jobId) {
        var execution = runNow.byHand(jobId);
        return Response.accepted(new RunAccepted(true, execution.id())).build();
    }
}
