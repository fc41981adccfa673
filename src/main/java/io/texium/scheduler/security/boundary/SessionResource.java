package io.texium.scheduler.security.boundary;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.platform.Envelopes;
import io.texium.scheduler.problems.ForbiddenException;
import io.texium.scheduler.security.control.ApiAuthentication;
import io.texium.scheduler.security.control.Sessions;
import io.texium.scheduler.security.entity.ApiToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The console's sign-in: a password (HTTP Basic) buys a short-lived session token, which the console renews while it
 * is open and revokes at sign-out. Everything else the console does is the ordinary API with that token as Bearer.
 */
@Path("session")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "session", description = "Console sign-in: short-lived session tokens")
public class SessionResource {

    @Inject
    Sessions sessions;

    @Inject
    Caller caller;

    @Inject
    HttpServletRequest request;

    /** Who is signed in, as the console shows it. */
    public record SessionUser(String id, String username, boolean isAdmin) {
    }

    /** A new session token, shown this once. */
    public record Opened(boolean success, String token, Instant expiresAt, SessionUser user) {
    }

    /** The caller and when their credential ends (null for a password, or a token without expiry). */
    public record Current(SessionUser user, Instant expiresAt) {
    }

    @POST
    @Operation(operationId = "createSession", summary = "Sign in to the console",
            description = "HTTP Basic only: answers a session token (send it as 'Authorization: Bearer <token>') that "
                    + "expires after texium.session.minutes (60). Audited as signed_in.")
    @APIResponse(responseCode = "201", description = "Signed in: the session token, shown once")
    @APIResponse(responseCode = "401", description = "Wrong or missing password (application/problem+json)")
    @APIResponse(responseCode = "403", description = "Signed in with a token: a session needs the password")
    public Response create() {
        caller.requirePassword("signing in to the console");
        var opened = sessions.open(caller.id(), username());
        return Response.status(201).entity(opened(opened)).build();
    }

    @GET
    @Operation(operationId = "getSession", summary = "Who is signed in",
            description = "The caller (Basic or Bearer) and the expiry of their token (null for a password).")
    @APIResponse(responseCode = "200", description = "The caller")
    @APIResponse(responseCode = "401", description = "Not signed in (application/problem+json)")
    public Envelopes.One<Current> get() {
        Instant expires = caller.viaToken() ? sessions.token(tokenId()).map(ApiToken::expiresAt).orElse(null) : null;
        return Envelopes.one(new Current(user(), expires));
    }

    @POST
    @Path("renew")
    @Operation(operationId = "renewSession", summary = "Renew the console session",
            description = "With a session token only: answers a fresh one and revokes the calling one. Renewals stop "
                    + "12 hours after the password sign-in: then sign in again.")
    @APIResponse(responseCode = "201", description = "Renewed: the new session token, shown once")
    @APIResponse(responseCode = "401", description = "Not signed in, or the token expired (application/problem+json)")
    @APIResponse(responseCode = "403", description = "Not a session token, or the session is 12 hours old: sign in again")
    public Response renew() {
        requireSessionToken("renewing a session");
        var opened = sessions.renew(tokenId(), username());
        return Response.status(201).entity(opened(opened)).build();
    }

    @DELETE
    @Operation(operationId = "deleteSession", summary = "Sign out of the console",
            description = "Revokes the calling session token. Audited as signed_out.")
    @APIResponse(responseCode = "204", description = "Signed out: the token no longer works")
    @APIResponse(responseCode = "401", description = "Not signed in (application/problem+json)")
    @APIResponse(responseCode = "403", description = "Not signed in with a session token")
    public Response delete() {
        requireSessionToken("signing out");
        sessions.close(tokenId(), username());
        return Response.noContent().build();
    }

    private void requireSessionToken(String what) {
        if (!caller.viaToken()) {
            throw new ForbiddenException(what + " needs the session token as 'Authorization: Bearer', not a password");
        }
    }

    private Opened opened(Sessions.Opened opened) {
        return new Opened(true, opened.secret(), opened.token().expiresAt(), user());
    }

    private SessionUser user() {
        return new SessionUser(caller.id(), username(), caller.admin());
    }

    private String username() {
        return (String) request.getAttribute(Caller.NAME_ATTRIBUTE);
    }

    private String tokenId() {
        return (String) request.getAttribute(ApiAuthentication.TOKEN_ID_ATTRIBUTE);
    }
}
