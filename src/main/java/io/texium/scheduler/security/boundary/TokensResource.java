package io.texium.scheduler.security.boundary;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.platform.Envelopes;
import io.texium.scheduler.platform.JsonFields;
import io.texium.scheduler.platform.JsonValues;
import io.texium.scheduler.platform.Page;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.problems.ForbiddenException;
import io.texium.scheduler.problems.InvalidRequestException;
import io.texium.scheduler.security.control.ApiTokens;
import io.texium.scheduler.security.entity.ApiToken;
import io.texium.scheduler.users.control.Users;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A user's API tokens: create (the secret is shown once), list (never the secret), revoke. */
@Path("users/{user_id}/tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tokens")
public class TokensResource {

    @Inject
    ApiTokens tokens;

    @Inject
    Users users;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    /** A token as listed: no secret. */
    public record TokenView(String id, String userId, String name, Instant createdAt, Instant expiresAt,
                            Instant revokedAt, boolean active) {
        static TokenView of(ApiToken t, Instant now) {
            return new TokenView(t.id(), t.userId(), t.name(), t.createdAt(), t.expiresAt(), t.revokedAt(), t.validAt(now));
        }
    }

    /** The answer to a create: the secret, this once. */
    public record Created(boolean success, String token, TokenView data) {
    }

    /**
     * Minted by their owner only, signed in with their password: a token is its owner's credential, and everything
     * done with it is audited as the owner, so a token made by someone else would act in the owner's name. An admin
     * acts for anyone with their own credentials instead, and may still list and revoke anyone's tokens.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createToken", summary = "Create an API token", description = "Send it as 'Authorization: Bearer <token>'. Shown once. "
            + "Only the user themselves, signed in with HTTP Basic, may create their tokens.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "expiring token",
            value = "{\"name\": \"ci\", \"expires_at\": \"2099-12-31T00:00:00Z\"}")))
    @APIResponse(responseCode = "403", description = "Signed in with a token, or the token would be another user's")
    @APIResponse(responseCode = "201", description = "The token (shown only here) and its record", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "201", value = "{\"success\": true, \"token\": \"txm_...\", \"data\": {\"id\": \"6747a3e0e4b0a1b2c3d4e610\", \"name\": \"ci\"}}")))
    public Response create(@PathParam("user_id") String userId, String body) {
        String owner = visibleUser(userId);
        caller.requirePassword("creating an API token");
        if (!owner.equals(caller.id())) {
            throw new ForbiddenException("API tokens are created by their owner only: an admin acts with their own "
                    + "credentials, and may list and revoke this user's tokens");
        }
        var json = JsonValues.object(body);
        List<FieldProblem> problems = new ArrayList<>();
        String name = json.get("name") instanceof JsonString s && !s.getString().isBlank() ? s.getString().trim() : null;
        if (name == null || name.length() > 100) {
            problems.add(new FieldProblem("name", "is required: a non-blank string of at most 100 characters"));
        }
        Instant expires = JsonFields.instant("expires_at", json.get("expires_at"), problems);
        if (expires != null && !expires.isAfter(clock.instant())) {
            problems.add(new FieldProblem("expires_at", "must be in the future"));
        }
        json.keySet().stream().filter(k -> !k.equals("name") && !k.equals("expires_at"))
                .forEach(k -> problems.add(new FieldProblem(k, "is not a token field")));
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        var issued = tokens.issue(owner, name, expires);
        return Response.status(201).entity(new Created(true, issued.secret(), TokenView.of(issued.token(), clock.instant()))).build();
    }

    @GET
    @Operation(operationId = "listTokens", summary = "List a user's API tokens (never their secrets)")
    public Envelopes.Many<TokenView> list(@PathParam("user_id") String userId) {
        String owner = visibleUser(userId);
        Instant now = clock.instant();
        var views = tokens.of(owner).stream().map(t -> TokenView.of(t, now)).toList();
        return Envelopes.many(new Page<>(views, views.size(), 1, Math.max(1, views.size())));
    }

    @DELETE
    @Path("{token_id}")
    @Operation(operationId = "revokeToken", summary = "Revoke an API token")
    public Envelopes.One<TokenView> revoke(@PathParam("user_id") String userId, @PathParam("token_id") String tokenId) {
        String owner = visibleUser(userId);
        var token = tokens.revoke(owner, tokenId);
        return Envelopes.one(TokenView.of(token, clock.instant()));
    }

    /** The user, when the caller may act for them: themselves, or anyone for an admin; else 404. */
    private String visibleUser(String userId) {
        return users.find(userId).id();
    }
}
