package io.texium.scheduler.security.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.texium.scheduler.platform.RecordingEvent;
import io.texium.scheduler.platform.SettableClock;
import io.texium.scheduler.users.control.PasswordReset;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API tokens against a settable clock: what is stored, and until when a token names its owner. */
class ApiTokensTest {

    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    static final Instant EXPIRY = T0.plus(Duration.ofHours(1));

    ApiTokens cut;
    SettableClock clock = new SettableClock(T0);
    TokenStore store = new TokenStore();

    @BeforeEach
    void wire() {
        cut = store.tokens(clock);
    }

    @Test
    void only_the_hash_of_the_secret_is_stored_with_the_time_of_issue() {
        var issued = cut.issue("u1", "ci", EXPIRY);
        assertThat(issued.secret()).startsWith(ApiTokens.PREFIX);
        assertThat(store.stored).singleElement().satisfies(t -> {
            assertThat(t.tokenHash()).isEqualTo(ApiTokens.sha256Hex(issued.secret())).isNotEqualTo(issued.secret());
            assertThat(t.createdAt()).isEqualTo(T0);
            assertThat(t.expiresAt()).isEqualTo(EXPIRY);
            assertThat(t.userId()).isEqualTo("u1");
        });
    }

    @Test
    void a_token_names_its_owner_until_the_instant_before_its_expiry() {
        String secret = cut.issue("u1", "ci", EXPIRY).secret();
        assertThat(cut.ownerOf(secret)).contains("u1");
        clock.set(EXPIRY.minusNanos(1));
        assertThat(cut.ownerOf(secret)).contains("u1");
    }

    @Test
    void a_token_exactly_at_its_expiry_instant_names_no_owner() {
        String secret = cut.issue("u1", "ci", EXPIRY).secret();
        clock.set(EXPIRY);
        assertThat(cut.ownerOf(secret)).isEmpty();
        clock.advance(Duration.ofDays(1));
        assertThat(cut.ownerOf(secret)).isEmpty();
    }

    @Test
    void a_token_without_an_expiry_stays_valid() {
        String secret = cut.issue("u1", "ci", null).secret();
        clock.advance(Duration.ofDays(365 * 100));
        assertThat(cut.ownerOf(secret)).contains("u1");
    }

    @Test
    void a_revoked_token_names_no_owner_from_the_moment_of_revocation() {
        var issued = cut.issue("u1", "ci", EXPIRY);
        clock.advance(Duration.ofMinutes(1));
        cut.revoke("u1", issued.token().id());
        assertThat(issued.token().revokedAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(cut.ownerOf(issued.secret())).isEmpty();
    }

    @Test
    void an_unknown_or_malformed_secret_names_no_owner() {
        cut.issue("u1", "ci", EXPIRY);
        assertThat(cut.ownerOf(null)).isEmpty();
        assertThat(cut.ownerOf("not-a-token")).isEmpty();
        assertThat(cut.ownerOf(ApiTokens.PREFIX + "unknown")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_password_reset_revokes_the_users_tokens_still_valid_each_with_its_audit_entry() {
        var valid = cut.issue("u1", "laptop", null);
        var expired = cut.issue("u1", "old", T0.plusSeconds(1));
        var revoked = cut.issue("u1", "gone", null);
        var later = cut.issue("u1", "ci", EXPIRY);
        var others = cut.issue("u2", "ci", null);
        cut.revoke("u1", revoked.token().id());
        clock.advance(Duration.ofMinutes(1));
        var events = (RecordingEvent<TokenEvent>) cut.events;
        events.fired().clear();

        cut.revokeAll(new PasswordReset("u1"));

        assertThat(events.fired()).extracting(TokenEvent::event, e -> e.token().name())
                .containsExactly(tuple("token_revoked", "laptop"), tuple("token_revoked", "ci"));
        assertThat(List.of(valid, later)).allSatisfy(i -> assertThat(cut.ownerOf(i.secret())).isEmpty());
        assertThat(revoked.token().revokedAt()).as("revoked before: unchanged").isEqualTo(T0);
        assertThat(expired.token().revokedAt()).as("expired: left as it is").isNull();
        assertThat(cut.ownerOf(others.secret())).as("another user's").contains("u2");
    }
}
