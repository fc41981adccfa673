package io.texium.scheduler.health;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.platform.Metrics;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The application's metrics in the Prometheus text format, for a scraper signed in as an admin (e.g. with an API token). */
@Path("scheduler/metrics")
@RequestScoped
@Tag(name = "health")
public class MetricsResource {

    @Inject
    Metrics metrics;

    @Inject
    Caller caller;

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    @Operation(operationId = "getMetrics", summary = "Application metrics in Prometheus format (admin only): fires, runs by outcome, fire lag, queue depth, busy workers, lost claims, store errors")
    @APIResponse(responseCode = "200", description = "The metrics", content = @Content(mediaType = "text/plain"))
    @APIResponse(responseCode = "403", description = "The caller is not an admin")
    public String scrape() {
        caller.requireAdmin();
        return metrics.scrape();
    }
}
