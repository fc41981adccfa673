package io.texium.scheduler.health;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.platform.ApiExamples;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/scheduler/health}: 200 when healthy, 503 with the same report when not. */
@Path("scheduler/health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "health")
public class HealthResource {

    @Inject
    SchedulerHealth health;

    @Inject
    Caller caller;

    /** The envelope of the original service. */
    public record Answer(boolean success, SchedulerHealth.Report data) {
    }

    @GET
    @Operation(operationId = "getSchedulerHealth", summary = "Store reachability, timer count, and active jobs without a timer (admin only)")
    @APIResponse(responseCode = "200", description = "Healthy", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "200", value = ApiExamples.HEALTH)))
    @APIResponse(responseCode = "403", description = "The caller is not an admin")
    public Response health() {
        caller.requireAdmin();
        var report = health.report();
        return Response.status("UP".equals(report.status()) ? 200 : 503).entity(new Answer(true, report)).build();
    }
}
