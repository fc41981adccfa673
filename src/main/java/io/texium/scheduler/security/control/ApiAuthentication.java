package io.texium.scheduler.security.control;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.guard.ClientAddress;
import io.texium.scheduler.guard.Refusal;
import io.texium.scheduler.guard.SecurityHeaders;
import io.texium.scheduler.guard.SignInBackoff;
import io.texium.scheduler.problems.Problem;
import io.texium.scheduler.problems.UnavailableException;
import io.texium.scheduler.security.entity.ApiToken;
import io.texium.scheduler.users.control.Users;
import io.texium.scheduler.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates every {@code /api} request by HTTP Basic (against the users collection) or by
 * {@code Authorization: Bearer <token>}; anything else under {@code /api} gets 401 with a challenge.
 * Other paths (the console's static files) pass through. A request of the console's scripts
 * ({@code X-Requested-With: XMLHttpRequest}) is challenged with Bearer only. Failed password sign-ins back off per username and
 * address ({@link SignInBackoff}): 429 with {@code Retry-After}, before the password is looked at. A password that
 * finds no free turn to be hashed ({@code Passwords}) is not judged: 503 with {@code Retry-After}, no challenge.
 */
@ApplicationScoped
public class ApiAuthentication implements HttpAuthenticationMechanism {

    static final String CHALLENGE = "Basic realm=\"Texium Scheduler\", Bearer realm=\"Texium Scheduler\"";
    /**
     * The challenge for a script of the console (it sends {@code X-Requested-With: XMLHttpRequest}): Bearer only, so
     * that the browser never opens its own password dialog over the console's sign-in form.
     */
    static final String SCRIPT_CHALLENGE = "Bearer realm=\"Texium Scheduler\"";
    /** The request attribute holding the id of the API token a Bearer caller signed in with. */
    public static final String TOKEN_ID_ATTRIBUTE = "io.texium.scheduler.token_id";

    @Inject
    Users users;

    @Inject
    ApiTokens tokens;

    @Inject
    PasswordCheck passwords;

    @Inject
    SignInBackoff signIns;

    @Inject
    ClientAddress clientAddress;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        // the servlet path is what the container routed on (decoded, normalised): "//api/x" cannot slip past
        boolean api = request.getServletPath().startsWith("/api");
        if (header == null || header.isBlank()) {
            return api ? challenge(request, response, "authentication required: HTTP Basic or a Bearer token") : context.doNothing();
        }
        Optional<User> user;
        try {
            user = authenticate(header.trim(), request);
        } catch (Refusal backingOff) {
            return refuse(request, response, backingOff);
        } catch (UnavailableException busy) {
            response.setHeader("Retry-After", "1"); // a hash turn frees up within a second
            return send(request, response, 503, "Service Unavailable", busy.getMessage());
        }
        if (user.isEmpty()) {
            return challenge(request, response, "invalid credentials, or an inactive user, or an expired or revoked token");
        }
        request.setAttribute(Caller.ROLE_ATTRIBUTE, user.get().role());
        request.setAttribute(Caller.NAME_ATTRIBUTE, user.get().username());
        request.setAttribute(Caller.TOKEN_ATTRIBUTE, header.regionMatches(true, 0, "Bearer ", 0, 7));
        return context.notifyContainerAboutLogin(user.get().id(), Set.of(user.get().role()));
    }

    private Optional<User> authenticate(String header, HttpServletRequest request) throws Refusal {
        int space = header.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = header.substring(0, space);
        String value = header.substring(space + 1).trim();
        Optional<User> user;
        if (scheme.equalsIgnoreCase("Basic")) {
            user = basic(value, request);
        } else if (scheme.equalsIgnoreCase("Bearer")) {
            Optional<ApiToken> token = tokens.valid(value);
            token.ifPresent(t -> request.setAttribute(TOKEN_ID_ATTRIBUTE, t.id()));
            user = token.map(ApiToken::userId).flatMap(users::findById);
        } else {
            user = Optional.empty();
        }
        return user.filter(User::active);
    }

    private Optional<User> basic(String encoded, HttpServletRequest request) throws Refusal {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String username = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        String address = clientAddress.of(request);
        signIns.reserve(address, username);
        boolean failed = false;
        try {
            Optional<User> user = users.findByUsername(username);
            if (user.isEmpty()) {
                users.verify(null, password.toCharArray()); // as slow as a wrong password: no hint that the name is unknown
                failed = true;
                return Optional.empty();
            }
            // an inactive user's right password counts as failed too: it signs nobody in, and must not stand out
            failed = !passwords.matches(user.get(), password) || !user.get().active();
            return failed ? Optional.empty() : user;
        } finally {
            if (!failed) {
                signIns.succeeded(address, username); // also when the check itself failed (store away): no guess was made
            }
        }
    }

    private static AuthenticationStatus refuse(HttpServletRequest request, HttpServletResponse response, Refusal refusal) {
        SecurityHeaders.apply(request, response);
        try {
            refusal.send(response);
        } catch (IOException e) {
            // the status and Retry-After are what matter
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static AuthenticationStatus challenge(HttpServletRequest request, HttpServletResponse response, String detail) {
        boolean script = "XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With"));
        response.setHeader("WWW-Authenticate", script ? SCRIPT_CHALLENGE : CHALLENGE);
        return send(request, response, 401, "Unauthorized", detail);
    }

    private static AuthenticationStatus send(HttpServletRequest request, HttpServletResponse response, int status,
                                             String title, String detail) {
        SecurityHeaders.apply(request, response);
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        try {
            response.getWriter().write(Problem.json(status, title, detail));
        } catch (IOException e) {
            // the status and the headers are what matter
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
