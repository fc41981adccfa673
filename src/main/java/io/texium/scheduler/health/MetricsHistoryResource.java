package io.texium.scheduler.health;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.platform.Envelopes;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.platform.QueryParams;
import io.texium.scheduler.problems.InvalidRequestException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The stored samples of the SystemMetrics job, as a time series (admin only: they describe the servers). */
@Path("scheduler/metrics/history")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "health")
public class MetricsHistoryResource {

    static final String EXAMPLE = """
            {"success": true, "data": [{"time": "2026-11-29T10:00:00Z", "instance": "4f1c2e9a", "hostname": "sched-1",
             "heap_used_bytes": 91234560, "heap_committed_bytes": 268435456, "heap_max_bytes": 4294967296,
             "non_heap_used_bytes": 120000000, "non_heap_committed_bytes": 130000000, "threads": 84,
             "threads_peak": 90, "threads_daemon": 70, "process_cpu_load": 0.04, "system_cpu_load": 0.12,
             "system_load_average": 0.35, "available_processors": 2, "uptime_seconds": 86400,
             "data_dir": "/var/lib/texium", "disk_free_bytes": 51234567890, "disk_total_bytes": 107374182400,
             "timer_count": 42, "executions_last_minute": 17}], "total": 1, "page": 1, "page_size": 50}""";

    @Inject
    MetricsHistory history;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @GET
    @Operation(operationId = "getMetricsHistory", summary = "The stored system metrics samples, oldest first (admin only)",
            description = "Samples the SystemMetrics job stored between since (inclusive, default 24 hours ago) and "
                    + "until (exclusive, default now), of one instance or all.")
    @APIResponse(responseCode = "200", description = "The samples", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = EXAMPLE)))
    @APIResponse(responseCode = "403", description = "The caller is not an admin")
    public Envelopes.Many<Map<String, Object>> list(@QueryParam("since") String since, @QueryParam("until") String until,
                                                    @QueryParam("instance") String instance,
                                                    @QueryParam("page") String page,
                                                    @QueryParam("page_size") String pageSize) {
        caller.requireAdmin();
        Instant to = QueryParams.instant("until", until);
        to = to == null ? clock.instant() : to;
        Instant from = QueryParams.instant("since", since);
        from = from == null ? to.minus(Duration.ofHours(24)) : from;
        if (!from.isBefore(to)) {
            throw new InvalidRequestException("since", "must be before until");
        }
        String one = instance == null || instance.isBlank() ? null : instance.trim();
        return Envelopes.many(history.list(from, to, one, PageRequest.of(page, pageSize)));
    }
}
