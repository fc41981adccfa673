package io.texium.scheduler.servers.boundary;

import io.texium.scheduler.platform.Envelopes;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.platform.QueryParams;
import io.texium.scheduler.servers.control.ServerRequest;
import io.texium.scheduler.servers.control.Servers;
import io.texium.scheduler.servers.entity.Server;
import io.texium.scheduler.servers.entity.ServerStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The servers API: the hosts a user watches, how each is checked, and what the last check found. */
@Path("servers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "servers")
public class ServersResource {

    static final String EXAMPLE = """
            {"name": "db1", "description": "primary database", "tags": ["prod"],
             "check": {"type": "tcp", "host": "db1.internal", "port": 5432}}""";
    static final String UPDATE_EXAMPLE = """
            {"description": "primary database, moved", "tags": ["prod", "eu"],
             "check": {"type": "http", "url": "https://db1.internal/health"}}""";

    @Inject
    Servers servers;

    /** The answer to a create: the new id next to the server. */
    public record Created(boolean success, String serverId, ServerView data) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createServer", summary = "Add a server", description = "user_id defaults to the caller; the status starts unknown.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "tcp check", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created; Location names the server")
    @APIResponse(responseCode = "400", description = "Invalid field (application/problem+json)")
    @APIResponse(responseCode = "403", description = "user_id names another user and the caller is not an admin")
    public Response create(String body, @Context UriInfo uri) {
        Server server = servers.create(ServerRequest.of(body));
        return Response.created(uri.getBaseUriBuilder().path(ServersResource.class).path(server.id()).build())
                .entity(new Created(true, server.id(), ServerView.of(server))).build();
    }

    @POST
    @Path("create")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createServerAtLegacyPath", summary = "Add a server (the original service's path)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "tcp check", value = EXAMPLE)))
    public Response createAtOriginalPath(String body, @Context UriInfo uri) {
        return create(body, uri);
    }

    @GET
    @Operation(operationId = "listServers", summary = "List servers", description = "By name; a user sees their own, an admin everyone's (or user_id's).")
    public Envelopes.Many<ServerView> list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
                                           @QueryParam("user_id") String userId, @QueryParam("status") String status,
                                           @QueryParam("tag") String tag) {
        String owner = userId == null || userId.isBlank() ? null : userId.trim();
        String onlyTag = tag == null || tag.isBlank() ? null : tag.trim();
        return Envelopes.many(servers.list(owner, QueryParams.enumValue("status", status, ServerStatus.class), onlyTag, PageRequest.of(page, pageSize)).map(ServerView::of));
    }

    @GET
    @Path("user/{user_id}")
    @Operation(operationId = "listUserServers", summary = "List one user's servers", description = "Oneself, or anyone for an admin.")
    public Envelopes.Many<ServerView> listOf(@PathParam("user_id") String userId, @QueryParam("page") String page,
                                             @QueryParam("page_size") String pageSize) {
        return Envelopes.many(servers.listOf(userId, PageRequest.of(page, pageSize)).map(ServerView::of));
    }

    @GET
    @Path("{server_id}")
    @Operation(operationId = "getServer", summary = "Read a server")
    @APIResponse(responseCode = "404", description = "Unknown, malformed, or another user's id")
    @APIResponse(responseCode = "200", description = "The server", content = @Content(mediaType = "application/json"))
    public Envelopes.One<ServerView> get(@PathParam("server_id") String serverId) {
        return Envelopes.one(ServerView.of(servers.find(serverId)));
    }

    @PUT
    @Path("{server_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateServer", summary = "Change a server", description = "Partial: only the fields given change; a new check resets the status to unknown.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "an http check", value = UPDATE_EXAMPLE)))
    public Envelopes.One<ServerView> update(@PathParam("server_id") String serverId, String body) {
        return Envelopes.one(ServerView.of(servers.update(serverId, ServerRequest.of(body))));
    }

    @POST
    @Path("{server_id}/check")
    @Operation(operationId = "checkServer", summary = "Check a server now", description = "Runs the server's check at once (an HTTP(S) GET is up on 2xx/3xx,"
            + " a TCP check when the connection opens; at most 5 s), records status, latency and error on the server, and"
            + " answers the server. Addresses refused by the outbound guard (loopback, link-local, private ranges unless"
            + " texium.webhook.allowed-hosts lists them) make the server down with the reason as last_error. Audited as"
            + " server_checked.")
    @APIResponse(responseCode = "200", description = "The server with the check's result")
    @APIResponse(responseCode = "404", description = "Unknown, malformed, or another user's id")
    @APIResponse(responseCode = "409", description = "The server has no check")
    public Envelopes.One<ServerView> check(@PathParam("server_id") String serverId) {
        return Envelopes.one(ServerView.of(servers.check(serverId)));
    }

    @DELETE
    @Path("{server_id}")
    @Operation(operationId = "deleteServer", summary = "Delete a server")
    public Envelopes.One<ServerView> delete(@PathParam("server_id") String serverId) {
        return Envelopes.one(ServerView.of(servers.delete(serverId)));
    }
}
