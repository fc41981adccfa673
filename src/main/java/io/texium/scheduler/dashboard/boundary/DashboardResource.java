package io.texium.scheduler.dashboard.boundary;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.dashboard.control.Dashboard;
import io.texium.scheduler.platform.Envelopes;
import io.texium.scheduler.problems.InvalidRequestException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The console's dashboard, scoped like the rest of the API: a user sees their own executions and jobs, an admin
 * everyone's or, with {@code user_id}, one user's. Windows are the last {@code hours} UTC hours (1 to 168, default
 * 24) including the current one; lists hold at most {@code limit} rows (1 to 50, default 10).
 */
@Path("scheduler/dashboard")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dashboard", description = "Counts, hourly series and top lists for the console's dashboard")
public class DashboardResource {

    static final int MAX_HOURS = 168;
    static final int MAX_LIMIT = 50;

    @Inject
    Dashboard dashboard;

    @Inject
    Caller caller;

    /** The summary as the API shows it. */
    public record SummaryView(java.time.Instant from, java.time.Instant to, java.util.Map<String, Long> counts, long total,
                              Double successRate, JobCounts jobs) {
    }

    /** How many jobs, enabled and paused. */
    public record JobCounts(long total, long enabled, long paused) {
    }

    @GET
    @Path("summary")
    @Operation(operationId = "getDashboardSummary", summary = "Executions by status in the window, success rate, job counts",
            description = "success_rate = succeeded / (succeeded + failed + timeout), null when none ended so.")
    @APIResponse(responseCode = "200", description = "The summary")
    @APIResponse(responseCode = "400", description = "hours or user_id invalid (application/problem+json)")
    @APIResponse(responseCode = "403", description = "user_id names another user (not an admin)")
    public Envelopes.One<SummaryView> summary(@QueryParam("hours") @Parameter(description = "1..168, default 24") String hours,
                                              @QueryParam("user_id") String userId) {
        var s = dashboard.summary(scope(userId), hours(hours));
        var counts = new java.util.LinkedHashMap<String, Long>();
        s.counts().forEach((status, n) -> counts.put(status.name(), n));
        return Envelopes.one(new SummaryView(s.from(), s.to(), counts, s.total(), s.successRate(),
                new JobCounts(s.jobsTotal(), s.jobsEnabled(), s.jobsPaused())));
    }

    @GET
    @Path("hourly")
    @Operation(operationId = "getExecutionsPerHour", summary = "Ended executions per UTC hour by outcome, oldest first",
            description = "One row per hour of the window, the current hour last; an execution counts in the hour it was due.")
    @APIResponse(responseCode = "200", description = "The rows")
    @APIResponse(responseCode = "400", description = "hours or user_id invalid (application/problem+json)")
    @APIResponse(responseCode = "403", description = "user_id names another user (not an admin)")
    public Envelopes.One<List<Dashboard.HourCounts>> hourly(@QueryParam("hours") String hours, @QueryParam("user_id") String userId) {
        return Envelopes.one(dashboard.hourly(scope(userId), hours(hours)));
    }

    @GET
    @Path("lag")
    @Operation(operationId = "getFireLag", summary = "Fire lag per UTC hour: started_at minus the due time of scheduled fires",
            description = "p50 and p95 exact below 100 ms and at most 5% low above; max exact; null in an hour without fires.")
    @APIResponse(responseCode = "200", description = "The rows")
    @APIResponse(responseCode = "400", description = "hours or user_id invalid (application/problem+json)")
    @APIResponse(responseCode = "403", description = "user_id names another user (not an admin)")
    public Envelopes.One<List<Dashboard.HourLag>> lag(@QueryParam("hours") String hours, @QueryParam("user_id") String userId) {
        return Envelopes.one(dashboard.lag(scope(userId), hours(hours)));
    }

    @GET
    @Path("slowest")
    @Operation(operationId = "listSlowestJobs", summary = "The jobs with the longest mean run time in the window")
    @APIResponse(responseCode = "200", description = "The jobs, slowest first")
    @APIResponse(responseCode = "400", description = "hours, limit or user_id invalid (application/problem+json)")
    @APIResponse(responseCode = "403", description = "user_id names another user (not an admin)")
    public Envelopes.One<List<Dashboard.JobRuns>> slowest(@QueryParam("hours") String hours, @QueryParam("limit") String limit,
                                                          @QueryParam("user_id") String userId) {
        return Envelopes.one(dashboard.slowest(scope(userId), hours(hours), limit(limit)));
    }

    @GET
    @Path("upcoming")
    @Operation(operationId = "listUpcomingRuns", summary = "The next runs of enabled, unpaused jobs, soonest first")
    @APIResponse(responseCode = "200", description = "The next runs")
    @APIResponse(responseCode = "400", description = "limit or user_id invalid (application/problem+json)")
    @APIResponse(responseCode = "403", description = "user_id names another user (not an admin)")
    public Envelopes.One<List<Dashboard.NextRun>> upcoming(@QueryParam("limit") String limit, @QueryParam("user_id") String userId) {
        return Envelopes.one(dashboard.upcoming(scope(userId), limit(limit)));
    }

    @GET
    @Path("failing")
    @Operation(operationId = "listFailingJobs", summary = "The jobs with the most failed or timed-out runs in the window")
    @APIResponse(responseCode = "200", description = "The jobs, most failures first")
    @APIResponse(responseCode = "400", description = "hours, limit or user_id invalid (application/problem+json)")
    @APIResponse(responseCode = "403", description = "user_id names another user (not an admin)")
    public Envelopes.One<List<Dashboard.JobFailures>> failing(@QueryParam("hours") String hours, @QueryParam("limit") String limit,
                                                              @QueryParam("user_id") String userId) {
        return Envelopes.one(dashboard.failing(scope(userId), hours(hours), limit(limit)));
    }

    private String scope(String requested) {
        String userId = requested == null || requested.isBlank() ? null : requested.trim();
        if (userId != null && !userId.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new InvalidRequestException("user_id", "is not a user id");
        }
        return caller.scopeFor(userId);
    }

    static int hours(String value) {
        return bounded("hours", value, 24, MAX_HOURS);
    }

    static int limit(String value) {
        return bounded("limit", value, 10, MAX_LIMIT);
    }

    private static int bounded(String name, String value, int defaultValue, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException(name, "must be a whole number from 1 to " + max + ", got '" + value + "'");
    }
}
