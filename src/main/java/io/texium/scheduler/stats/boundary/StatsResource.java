package io.texium.scheduler.stats.boundary;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.executions.control.ExecutionQueries;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.platform.ApiExamples;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Counts of jobs and executions, for everyone or one user; the execution counts are the maintained ones, never a scan. */
@Path("scheduler/stats")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "stats")
public class StatsResource {

    @Inject
    JobQueries jobs;

    @Inject
    ExecutionQueries executions;

    @Inject
    Caller caller;

    /**
     * The numbers: the executions by status (the first eight fields are the original service's, kept for its
     * clients); {@code success_rate} is succeeded / (succeeded + failed + timeout) in percent, 0 when no run ended so:
     * {@code missed}, {@code skipped} and {@code cancelled} never ran to an outcome of their own and are counted
     * apart.
     */
    public record Stats(long totalJobs, long enabledJobs, long pausedJobs, long totalExecutions, long succeeded,
                        long failed, long running, double successRate, long scheduled, long timeout, long cancelled,
                        long missed, long skipped) {
    }

    /** The envelope of the original service. */
    public record Answer(boolean success, Stats stats) {
    }

    @GET
    @Operation(operationId = "getStats", summary = "Job and execution counts")
    @APIResponse(responseCode = "200", description = "The counts", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.STATS)))
    public Answer stats(@QueryParam("user_id") String requestedUserId) {
        String userId = caller.scopeFor(requestedUserId);
        long total = jobs.count(userId, null, null);
        long enabled = jobs.count(userId, true, null);
        long paused = jobs.count(userId, null, true);
        Map<ExecutionStatus, Long> counts = executions.counts(userId);
        long executionCount = counts.values().stream().mapToLong(Long::longValue).sum();
        long succeeded = counts.get(ExecutionStatus.succeeded);
        long failed = counts.get(ExecutionStatus.failed);
        long timeout = counts.get(ExecutionStatus.timeout);
        return new Answer(true, new Stats(total, enabled, paused, executionCount, succeeded, failed,
                counts.get(ExecutionStatus.running), successRate(succeeded, failed, timeout),
                counts.get(ExecutionStatus.scheduled), timeout, counts.get(ExecutionStatus.cancelled),
                counts.get(ExecutionStatus.missed), counts.get(ExecutionStatus.skipped)));
    }

    /** succeeded / (succeeded + failed + timeout) in percent with two decimals; 0 when no run ended so. */
    static double successRate(long succeeded, long failed, long timeout) {
        long ended = succeeded + failed + timeout;
        return ended == 0 ? 0.0 : Math.round(10000.0 * succeeded / ended) / 100.0;
    }
}
