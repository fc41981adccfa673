package io.texium.scheduler.security.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.platform.SettableClock;
import io.texium.scheduler.problems.ForbiddenException;
import io.texium.scheduler.security.control.ApiTokens;
import io.texium.scheduler.users.control.Users;
import io.texium.scheduler.users.entity.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may mint a token for whom. The fake issuer stops a request it lets through: the answer needs a JAX-RS runtime. */
class TokensResourceTest {

    static final String ADMIN = "64b7f0c2a1b2c3d4e5f60001";
    static final String ALICE = "64b7f0c2a1b2c3d4e5f60002";
    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    final List<String> issuedFor = new ArrayList<>();

    TokensResource signedIn(String callerId, boolean admin, boolean viaToken) {
        var cut = new TokensResource();
        cut.clock = new SettableClock(NOW);
        cut.users = new Users() {
            @Override
            public User find(String userId) {
                return new User().id(userId);
            }
        };
        cut.tokens = new ApiTokens() {
            @Override
            public Issued issue(String userId, String name, Instant expiresAt) {
                issuedFor.add(userId);
                throw new Issuing();
            }
        };
        cut.caller = new Caller() {
            @Override
            public String id() {
                return callerId;
            }

            @Override
            public boolean admin() {
                return admin;
            }

            @Override
            public boolean viaToken() {
                return viaToken;
            }
        };
        return cut;
    }

    /** Thrown by the fake issuer: the request got as far as issuing a token. */
    static final class Issuing extends RuntimeException {
    }

    @Test
    void a_user_signed_in_with_the_password_mints_their_own_tokens() {
        assertThatThrownBy(() -> signedIn(ALICE, false, false).create(ALICE, "{\"name\": \"ci\"}")).isInstanceOf(Issuing.class);
        assertThat(issuedFor).containsExactly(ALICE);
    }

    @Test
    void an_admin_mints_no_token_for_another_user() {
        assertThatThrownBy(() -> signedIn(ADMIN, true, false).create(ALICE, "{\"name\": \"ci\"}"))
                .isInstanceOf(ForbiddenException.class).hasMessageStartingWith("API tokens are created by their owner only");
        assertThatThrownBy(() -> signedIn(ADMIN, true, false).create(ADMIN, "{\"name\": \"mine\"}")).isInstanceOf(Issuing.class);
        assertThat(issuedFor).containsExactly(ADMIN);
    }

    @Test
    void nobody_mints_a_token_with_a_token() {
        assertThatThrownBy(() -> signedIn(ALICE, false, true).create(ALICE, "{\"name\": \"ci\"}"))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("needs HTTP Basic");
        assertThat(issuedFor).isEmpty();
    }
}
