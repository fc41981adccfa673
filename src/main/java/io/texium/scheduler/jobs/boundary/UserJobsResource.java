package io.texium.scheduler.jobs.boundary;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.platform.ApiExamples;
import io.texium.scheduler.platform.Envelopes;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.PageRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One user's jobs, at the path the original service used. */
@Path("scheduler/users/{user_id}/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
public class UserJobsResource {

    @Inject
    JobQueries queries;

    @Inject
    JobViews views;

    @Inject
    Caller caller;


    @GET
    @Operation(operationId = "listUserJobs", summary = "List one user's jobs")
    @APIResponse(responseCode = "200", description = "A page of the user's jobs", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.JOB_LIST)))
    public Envelopes.Many<JobView> list(@PathParam("user_id") String userId, @QueryParam("page") String page,
                                        @QueryParam("page_size") String pageSize) {
        Ids.require("user", userId);
        caller.requireVisible(userId, "user", userId);
        var found = queries.list(new JobQueries.Filter(userId, null, null), PageRequest.of(page, pageSize));
        return Envelopes.many(views.of(found));
    }
}
