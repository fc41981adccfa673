package io.texium.scheduler.users.boundary;

import io.texium.scheduler.platform.Envelopes;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.platform.QueryParams;
import io.texium.scheduler.users.control.UserDeletion;
import io.texium.scheduler.users.control.UserRequest;
import io.texium.scheduler.users.control.Users;
import io.texium.scheduler.users.entity.User;
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

/** The users API: an admin manages everyone; a user reads and changes their own record. */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class UsersResource {

    static final String EXAMPLE = """
            {"username": "alice", "email": "alice@example.com", "full_name": "Alice Doe",
             "role": "user", "password": "correct horse battery"}""";
    static final String OWN_CHANGE_EXAMPLE = """
            {"email": "alice.doe@example.com", "full_name": "Alice B. Doe", "password": "a new horse battery"}""";
    static final String ADMIN_CHANGE_EXAMPLE = """
            {"username": "alice.doe", "role": "user", "is_active": true}""";

    @Inject
    Users users;

    @Inject
    UserDeletion deletion;

    /** The answer to a create: the new id next to the user. */
    public record Created(boolean success, String userId, UserView data) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUser", summary = "Create a user (admin)", description = "role defaults to user, is_active to true; "
            + "the password (at least 12 characters) is stored only as a PBKDF2 hash. Needs HTTP Basic, not an API token.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "user", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created; Location names the user")
    @APIResponse(responseCode = "400", description = "Invalid field (application/problem+json)")
    @APIResponse(responseCode = "403", description = "The caller is not an admin, or signed in with an API token")
    @APIResponse(responseCode = "409", description = "The username or e-mail is taken")
    public Response create(String body, @Context UriInfo uri) {
        User user = users.create(UserRequest.of(body));
        return Response.created(uri.getBaseUriBuilder().path(UsersResource.class).path(user.id()).build())
                .entity(new Created(true, user.id(), UserView.of(user))).build();
    }

    @GET
    @Operation(operationId = "listUsers", summary = "List users", description = "An admin sees everyone (filters combine with AND); a user, their own record.")
    public Envelopes.Many<UserView> list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
                                         @QueryParam("role") String role, @QueryParam("is_active") String active) {
        return Envelopes.many(users.list(QueryParams.oneOf("role", role, java.util.Set.of(User.ADMIN, User.USER)), QueryParams.bool("is_active", active), PageRequest.of(page, pageSize))
                .map(UserView::of));
    }

    @GET
    @Path("{user_id}")
    @Operation(operationId = "getUser", summary = "Read a user", description = "Oneself, or anyone for an admin.")
    @APIResponse(responseCode = "404", description = "Unknown, malformed, or another user's id")
    @APIResponse(responseCode = "200", description = "The user", content = @Content(mediaType = "application/json"))
    public Envelopes.One<UserView> get(@PathParam("user_id") String userId) {
        return Envelopes.one(UserView.of(users.find(userId)));
    }

    @PUT
    @Path("{user_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateUser", summary = "Change a user", description = "Partial: only the fields given change. A user may change "
            + "their own email, full_name and password; username, role and is_active take an admin. Changing role, "
            + "is_active or a password needs HTTP Basic, not an API token; an admin's new password for another user "
            + "revokes that user's API tokens.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "one's own details", value = OWN_CHANGE_EXAMPLE),
            @ExampleObject(name = "name, role and activity (admin)", value = ADMIN_CHANGE_EXAMPLE)}))
    @APIResponse(responseCode = "403", description = "A user tried to change username, role or is_active, or an API "
            + "token tried to change role, is_active or a password")
    @APIResponse(responseCode = "409", description = "The username or e-mail is taken, or the change would leave no active admin")
    @APIResponse(responseCode = "200", description = "The changed user", content = @Content(mediaType = "application/json"))
    public Envelopes.One<UserView> update(@PathParam("user_id") String userId, String body) {
        return Envelopes.one(UserView.of(users.update(userId, UserRequest.of(body))));
    }

    @DELETE
    @Path("{user_id}")
    @Operation(operationId = "deleteUser", summary = "Delete a user (admin)", description = "A user who owns jobs or servers is a conflict "
            + "unless cascade=true, which deletes them too. The user's API tokens always go with the user.")
    @APIResponse(responseCode = "409", description = "The user owns jobs or servers, or is the caller")
    @APIResponse(responseCode = "200", description = "The deleted user", content = @Content(mediaType = "application/json"))
    @APIResponse(responseCode = "403", description = "The caller is not an admin, or signed in with an API token")
    public Envelopes.One<UserView> delete(@PathParam("user_id") String userId, @QueryParam("cascade") String cascade) {
        return Envelopes.one(UserView.of(deletion.delete(userId, Boolean.TRUE.equals(QueryParams.bool("cascade", cascade)))));
    }
}
