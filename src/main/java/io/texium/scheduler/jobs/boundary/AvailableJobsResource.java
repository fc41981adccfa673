package io.texium.scheduler.jobs.boundary;

import io.texium.scheduler.jobs.control.JobCatalog;
import io.texium.scheduler.platform.ApiExamples;
import io.texium.scheduler.platform.Envelopes;
import io.texium.scheduler.platform.Page;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The job classes a job may name in {@code job_class_string}. */
@Path("scheduler/available-jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
public class AvailableJobsResource {

    @Inject
    JobCatalog catalog;

    @GET
    @Operation(operationId = "listAvailableJobs", summary = "List the deployed job classes with their arguments")
    @APIResponse(responseCode = "200", description = "The job classes", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.AVAILABLE_JOBS)))
    public Envelopes.Many<JobCatalog.JobType> list() {
        var all = catalog.all();
        return Envelopes.many(new Page<>(all, all.size(), 1, Math.max(all.size(), 1)));
    }
}
