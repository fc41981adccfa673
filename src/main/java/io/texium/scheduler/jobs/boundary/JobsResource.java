package io.texium.scheduler.jobs.boundary;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.jobs.control.JobRequest;
import io.texium.scheduler.jobs.control.Jobs;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.ApiExamples;
import io.texium.scheduler.platform.Envelopes;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.platform.QueryParams;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The jobs API: create, list, read, change, pause, resume, delete and run jobs. */
@Path("scheduler/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
public class JobsResource {

    static final String EXAMPLE = """
            {"user_id": "u-42", "job_class_string": "jobs.echo.EchoJob", "name": "Test Job",
             "minute": "*/5", "pub_args": ["Hello", "World"]}""";
    static final String CRONTAB_EXAMPLE = """
            {"job_class_string": "jobs.echo.EchoJob", "name": "Morning greeting", "description": "weekday mornings in Berlin",
             "cron": "0 9 * * 1-5", "timezone": "Europe/Berlin", "start_date": "2027-01-01",
             "end_date": "2099-12-31T18:00:00+01:00", "pub_kwargs": {"greeting": "Guten Morgen"},
             "notify": {"on": ["failed", "missed"], "emails": ["ops@example.com"],
                        "webhooks": ["https://hooks.slack.com/services/T000/B000/XXXXXXXX"]}}""";
    static final String POLICY_EXAMPLE = """
            {"job_class_string": "jobs.echo.EchoJob", "name": "Nightly export", "hour": 2, "minute": 0,
             "max_retries": 3, "retry_delay_seconds": 60, "retry_backoff": 2, "retry_max_delay_seconds": 900,
             "timeout_seconds": 1800, "max_instances": 1, "misfire_grace_seconds": 600, "coalesce": true,
             "on_success": ["6747a1c2e4b0a1b2c3d4e5f6"], "on_failure": ["6747a1c2e4b0a1b2c3d4e5f7"]}""";
    static final String POLICY_UPDATE_EXAMPLE = """
            {"max_retries": 5, "retry_backoff": 1.5, "timeout_seconds": null, "misfire_grace_seconds": 0,
             "coalesce": false, "on_success": ["6747a1c2e4b0a1b2c3d4e5f6"], "on_failure": null}""";
    static final String POLICIES = "The run policy fields (max_retries, retry_delay_seconds, retry_backoff,"
            + " retry_max_delay_seconds, timeout_seconds, max_instances, misfire_grace_seconds, coalesce) and the chains"
            + " (on_success, on_failure: ids of jobs the owner can see, at most 20 each, no cycle) are optional; null"
            + " sets one back to its default, and a view shows each in effect.";
    static final String UPDATE_EXAMPLE = """
            {"description": "weekday mornings in Berlin", "cron": "0 9 * * 1-5", "timezone": "Europe/Berlin",
             "start_date": "2027-01-01", "end_date": "2099-12-31T18:00:00+01:00", "pub_args": [],
             "pub_kwargs": {"greeting": "Guten Morgen"}, "is_enabled": true, "notify": {"on": ["failed"], "emails": ["ops@example.com"]},
             "max_retries": 2, "retry_delay_seconds": 60, "retry_backoff": 2, "retry_max_delay_seconds": 600,
             "timeout_seconds": 300, "max_instances": 1, "misfire_grace_seconds": 3600, "coalesce": true,
             "on_success": [], "on_failure": []}""";

    @Inject
    Jobs jobs;

    @Inject
    JobQueries queries;

    @Inject
    JobViews views;

    @Inject
    Caller caller;

    /** The answer to a create: the new id next to the job. */
    public record Created(boolean success, String jobId, JobView data) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createJob", summary = "Create a job", description = "Validates the job, stores it and arms its timer. " + POLICIES)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = "every 5 minutes", value = EXAMPLE),
                        @ExampleObject(name = "a crontab line between two dates", value = CRONTAB_EXAMPLE),
                        @ExampleObject(name = "retries, a timeout and chains", value = POLICY_EXAMPLE)}))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(mediaType = "application/problem+json",
            examples = @ExampleObject(name = "400", value = ApiExamples.PROBLEM)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "201", value = ApiExamples.CREATED_JOB)))
    @APIResponse(responseCode = "403", description = "A user named another user as the owner (user_id)")
    public Response create(String body, @Context UriInfo uri) {
        Job job = jobs.create(JobRequest.of(body));
        return Response.created(uri.getAbsolutePathBuilder().path(job.id()).build()).header(HttpHeaders.ETAG, JobVersions.etag(job))
                .entity(new Created(true, job.id(), view(job))).build();
    }

    @GET
    @Operation(operationId = "listJobs", summary = "List jobs", description = "Newest first; filters combine with AND.")
    @APIResponse(responseCode = "200", description = "A page of jobs", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.JOB_LIST)))
    public Envelopes.Many<JobView> list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
                                        @QueryParam("user_id") String userId, @QueryParam("is_enabled") String enabled,
                                        @QueryParam("name") String name) {
        var filter = new JobQueries.Filter(caller.scopeFor(userId), QueryParams.bool("is_enabled", enabled), name);
        var found = queries.list(filter, PageRequest.of(page, pageSize));
        return Envelopes.many(views.of(found));
    }

    @GET
    @Path("{job_id}")
    @Operation(operationId = "getJob", summary = "Read a job")
    @APIResponse(responseCode = "404", description = "Unknown or malformed id")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.ONE_JOB)))
    public Response get(@PathParam("job_id") String jobId) {
        return one(jobs.find(jobId));
    }

    @PUT
    @Path("{job_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateJob", summary = "Change a job", description = "Partial: only the fields given change; a schedule change re-arms the timer. "
            + POLICIES)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = {@ExampleObject(name = "a new schedule and arguments", value = UPDATE_EXAMPLE),
                        @ExampleObject(name = "retries, no timeout, a chain", value = POLICY_UPDATE_EXAMPLE)}))
    @APIResponse(responseCode = "200", description = "The changed job", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.ONE_JOB)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(mediaType = "application/problem+json",
            examples = @ExampleObject(name = "400", value = ApiExamples.PROBLEM)))
    @APIResponse(responseCode = "403", description = "A user tried to give the job to another user (user_id)")
    public Response update(@PathParam("job_id") String jobId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        return one(jobs.update(jobId, JobRequest.of(body), JobVersions.expected(ifMatch)));
    }

    @DELETE
    @Path("{job_id}")
    @Operation(operationId = "deleteJob", summary = "Delete a job and its timer")
    @APIResponse(responseCode = "200", description = "The deleted job", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.ONE_JOB)))
    public Response delete(@PathParam("job_id") String jobId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return one(jobs.delete(jobId, JobVersions.expected(ifMatch)));
    }

    @PATCH
    @Path("{job_id}/pause")
    @Operation(operationId = "pauseJob", summary = "Pause a job (idempotent): its timer goes, the job stays")
    @APIResponse(responseCode = "200", description = "The paused job", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.ONE_JOB)))
    public Response pause(@PathParam("job_id") String jobId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return one(jobs.pause(jobId, JobVersions.expected(ifMatch)));
    }

    @PATCH
    @Path("{job_id}/resume")
    @Operation(operationId = "resumeJob", summary = "Resume a paused job (idempotent): its timer is armed again")
    @APIResponse(responseCode = "200", description = "The resumed job", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.ONE_JOB)))
    public Response resume(@PathParam("job_id") String jobId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return one(jobs.resume(jobId, JobVersions.expected(ifMatch)));
    }

    /** One job, with its version as the ETag for a later If-Match. */
    private Response one(Job job) {
        return Response.ok(Envelopes.one(view(job))).header(HttpHeaders.ETAG, JobVersions.etag(job)).build();
    }

    private JobView view(Job job) {
        return views.of(job);
    }
}
