package io.texium.scheduler.cluster.boundary;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.cluster.control.Instances;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The scheduler instances sharing the store, with their heartbeats (admin only). */
@Path("scheduler/instances")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "instances")
public class InstancesResource {

    @Inject
    Instances instances;

    @Inject
    Caller caller;

    /** The registry as the store has it; {@code self} marks the instance that answers. */
    public record Answer(boolean success, List<Instances.Instance> data, int total) {
    }

    @GET
    @Operation(operationId = "listInstances", summary = "List the scheduler instances and their heartbeats (admin only)")
    @APIResponse(responseCode = "200", description = "The instances", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Answer.class)))
    @APIResponse(responseCode = "403", description = "The caller is not an admin")
    public Answer list() {
        caller.requireAdmin();
        var all = instances.list();
        return new Answer(true, all, all.size());
    }
}
