package io.texium.scheduler.security.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.platform.Fakes;
import io.texium.scheduler.platform.SettableClock;
import io.texium.scheduler.users.control.Users;
import io.texium.scheduler.users.entity.User;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bearer sign-in against a settable clock: which tokens log their owner in and how the others are refused. */
class ApiAuthenticationTest {

    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    static final Instant EXPIRY = T0.plus(Duration.ofHours(1));

    ApiAuthentication cut;
    SettableClock clock = new SettableClock(T0);
    TokenStore store = new TokenStore();
    Map<String, User> users = new HashMap<>();
    User alice = new User().id("a1").username("alice").role(User.USER).active(true);

    @BeforeEach
    void wire() {
        users.put(alice.id(), alice);
        cut = new ApiAuthentication();
        cut.tokens = store.tokens(clock);
        cut.users = new Users() {
            @Override
            public Optional<User> findById(String userId) {
                return Optional.ofNullable(users.get(userId));
            }
        };
    }

    /** One request through the mechanism: what it answered, whom it logged in, and what the response carries. */
    static final class Exchange {
        final Map<String, Object> attributes = new HashMap<>();
        final Map<String, String> headers = new HashMap<>();
        final StringWriter body = new StringWriter();
        int status;
        String loggedIn;
        Set<Object> groups;
        AuthenticationStatus result;

        Exchange(ApiAuthentication mechanism, String authorization) {
            this(mechanism, authorization, null);
        }

        Exchange(ApiAuthentication mechanism, String authorization, String requestedWith) {
            var request = Fakes.of(HttpServletRequest.class, Map.of(
                    "getHeader", args -> "Authorization".equals(args[0]) ? authorization
                            : "X-Requested-With".equals(args[0]) ? requestedWith : null,
                    "getServletPath", args -> "/api",
                    "setAttribute", args -> attributes.put((String) args[0], args[1])));
            var response = Fakes.of(HttpServletResponse.class, Map.of(
                    "setHeader", args -> headers.put((String) args[0], (String) args[1]),
                    "setStatus", args -> status = (int) args[0],
                    "setContentType", args -> headers.put("Content-Type", (String) args[0]),
                    "setCharacterEncoding", args -> null,
                    "getWriter", args -> new PrintWriter(body, true)));
            var context = Fakes.of(HttpMessageContext.class, Map.of(
                    "notifyContainerAboutLogin", args -> {
                        loggedIn = (String) args[0];
                        groups = Set.copyOf((Set<?>) args[1]);
                        return AuthenticationStatus.SUCCESS;
                    },
                    "doNothing", args -> AuthenticationStatus.NOT_DONE));
            result = mechanism.validateRequest(request, response, context);
        }
    }

    Exchange bearer(String secret) {
        return new Exchange(cut, "Bearer " + secret);
    }

    @Test
    void a_valid_token_logs_its_owner_in_with_the_owners_role() {
        String secret = cut.tokens.issue(alice.id(), "ci", EXPIRY).secret();
        var exchange = bearer(secret);
        assertThat(exchange.result).isEqualTo(AuthenticationStatus.SUCCESS);
        assertThat(exchange.loggedIn).isEqualTo("a1");
        assertThat(exchange.groups).containsExactly(User.USER);
        assertThat(exchange.attributes).containsEntry(Caller.ROLE_ATTRIBUTE, User.USER)
                .containsEntry(Caller.TOKEN_ATTRIBUTE, true);
    }

    @ParameterizedTest
    @CsvSource({
            "-3600000, SUCCESS",
            "-1,       SUCCESS",
            "0,        SEND_FAILURE",
            "1,        SEND_FAILURE",
            "86400000, SEND_FAILURE"})
    void a_token_is_refused_from_its_expiry_instant_on(long millisFromExpiry, AuthenticationStatus expected) {
        String secret = cut.tokens.issue(alice.id(), "ci", EXPIRY).secret();
        clock.set(EXPIRY.plusMillis(millisFromExpiry));
        assertThat(bearer(secret).result).isEqualTo(expected);
    }

    @Test
    void an_expired_token_gets_a_401_problem_with_the_challenge_and_logs_nobody_in() {
        String secret = cut.tokens.issue(alice.id(), "ci", EXPIRY).secret();
        clock.set(EXPIRY);
        var exchange = bearer(secret);
        assertThat(exchange.result).isEqualTo(AuthenticationStatus.SEND_FAILURE);
        assertThat(exchange.status).isEqualTo(401);
        assertThat(exchange.headers).containsEntry("WWW-Authenticate", ApiAuthentication.CHALLENGE)
                .containsEntry("Content-Type", "application/problem+json");
        assertThat(exchange.body.toString()).contains("\"status\"").contains("401").contains("expired or revoked token");
        assertThat(exchange.loggedIn).isNull();
        assertThat(exchange.attributes).isEmpty();
    }

    @Test
    void a_revoked_token_is_refused() {
        var issued = cut.tokens.issue(alice.id(), "ci", EXPIRY);
        cut.tokens.revoke(alice.id(), issued.token().id());
        assertThat(bearer(issued.secret()).status).isEqualTo(401);
    }

    @Test
    void a_valid_token_of_an_inactive_or_deleted_user_is_refused() {
        String secret = cut.tokens.issue(alice.id(), "ci", EXPIRY).secret();
        alice.active(false);
        assertThat(bearer(secret).status).as("inactive").isEqualTo(401);
        users.clear();
        assertThat(bearer(secret).status).as("deleted").isEqualTo(401);
    }

    @Test
    void the_consoles_scripts_are_challenged_with_bearer_only_so_no_browser_dialog_opens() {
        String secret = cut.tokens.issue(alice.id(), "ci", EXPIRY).secret();
        clock.set(EXPIRY);
        var script = new Exchange(cut, "Bearer " + secret, "XMLHttpRequest");
        assertThat(script.status).isEqualTo(401);
        assertThat(script.headers).containsEntry("WWW-Authenticate", "Bearer realm=\"Texium Scheduler\"");
        assertThat(bearer(secret).headers).containsEntry("WWW-Authenticate", ApiAuthentication.CHALLENGE);
    }

    @Test
    void a_valid_token_leaves_its_id_for_the_session_endpoints() {
        var issued = cut.tokens.issue(alice.id(), "ci", EXPIRY);
        assertThat(bearer(issued.secret()).attributes).containsEntry(ApiAuthentication.TOKEN_ID_ATTRIBUTE, issued.token().id());
    }
}
