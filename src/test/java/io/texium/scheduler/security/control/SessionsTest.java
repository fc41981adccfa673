package io.texium.scheduler.security.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.platform.RecordingEvent;
import io.texium.scheduler.platform.SettableClock;
import io.texium.scheduler.problems.ForbiddenException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Console sessions against a settable clock: lifetime, renewal until 12 hours after the sign-in, sign-out. */
class SessionsTest {

    static final Instant SIGN_IN = Instant.parse("2026-11-30T10:00:00Z");

    SettableClock clock = new SettableClock(SIGN_IN);
    TokenStore store = new TokenStore();
    RecordingEvent<SessionEvent> events = new RecordingEvent<>();
    Sessions cut;
    ApiTokens tokens;

    @BeforeEach
    void wire() {
        cut = store.sessions(clock, 60, events);
        tokens = store.tokens(clock);
    }

    @Test
    void a_sign_in_gets_a_session_token_for_the_configured_minutes_and_is_audited() {
        var opened = cut.open("u1", "alice");
        assertThat(opened.token().name()).isEqualTo(SessionRules.NAME);
        assertThat(opened.token().expiresAt()).isEqualTo(SIGN_IN.plus(Duration.ofMinutes(60)));
        assertThat(opened.token().signedInAt()).isEqualTo(SIGN_IN);
        assertThat(opened.token().tokenHash()).isEqualTo(ApiTokens.sha256Hex(opened.secret()));
        assertThat(tokens.ownerOf(opened.secret())).contains("u1");
        assertThat(events.fired()).extracting(SessionEvent::event).containsExactly("signed_in");
        clock.advance(Duration.ofMinutes(60));
        assertThat(tokens.ownerOf(opened.secret())).as("expired at the hour").isEmpty();
    }

    @Test
    void a_renewal_revokes_the_old_token_and_keeps_the_sign_in_time() {
        var first = cut.open("u1", "alice");
        clock.advance(Duration.ofMinutes(50));
        var second = cut.renew(first.token().id(), "alice");
        assertThat(tokens.ownerOf(first.secret())).as("the old token is revoked").isEmpty();
        assertThat(tokens.ownerOf(second.secret())).contains("u1");
        assertThat(second.token().signedInAt()).isEqualTo(SIGN_IN);
        assertThat(second.token().expiresAt()).isEqualTo(SIGN_IN.plus(Duration.ofMinutes(110)));
        assertThatThrownBy(() -> cut.renew(first.token().id(), "alice")).isInstanceOf(ForbiddenException.class);
    }

    @Nested
    class TwelveHoursAfterTheSignIn {

        @Test
        void the_last_token_ends_exactly_then_and_no_renewal_follows() {
            var current = cut.open("u1", "alice");
            for (int i = 0; i < 12; i++) {
                clock.advance(Duration.ofMinutes(55));
                current = cut.renew(current.token().id(), "alice");
            }
            // 11 h after the sign-in: a fresh token is capped at the 12th hour, not 60 minutes from now
            assertThat(clock.instant()).isEqualTo(SIGN_IN.plus(Duration.ofMinutes(660)));
            assertThat(current.token().expiresAt()).isEqualTo(SIGN_IN.plus(Duration.ofMinutes(720)));
            clock.set(SIGN_IN.plus(SessionRules.MAX_AGE).minusSeconds(1));
            var last = cut.renew(current.token().id(), "alice");
            assertThat(last.token().expiresAt()).isEqualTo(SIGN_IN.plus(SessionRules.MAX_AGE));
            clock.set(SIGN_IN.plus(SessionRules.MAX_AGE));
            String id = last.token().id();
            assertThatThrownBy(() -> cut.renew(id, "alice")).isInstanceOf(ForbiddenException.class);
        }

        @Test
        void the_rules_say_so_at_the_boundary() {
            var rules = new SessionRules(Duration.ofMinutes(60));
            Instant end = SIGN_IN.plus(Duration.ofHours(12));
            assertThat(rules.renewable(SIGN_IN, end.minusNanos(1))).isTrue();
            assertThat(rules.renewable(SIGN_IN, end)).isFalse();
            assertThat(rules.expiry(SIGN_IN, SIGN_IN)).isEqualTo(SIGN_IN.plus(Duration.ofHours(1)));
            assertThat(rules.expiry(SIGN_IN, end.minusSeconds(600))).isEqualTo(end);
        }
    }

    @Test
    void a_sign_out_revokes_the_session_token_and_is_audited() {
        var opened = cut.open("u1", "alice");
        cut.close(opened.token().id(), "alice");
        assertThat(tokens.ownerOf(opened.secret())).isEmpty();
        assertThat(events.fired()).extracting(SessionEvent::event).containsExactly("signed_in", "signed_out");
    }

    @Test
    void a_token_minted_by_its_owner_is_not_a_session() {
        var minted = tokens.issue("u1", SessionRules.NAME, null);
        assertThatThrownBy(() -> cut.renew(minted.token().id(), "alice")).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("only a console session token");
        assertThatThrownBy(() -> cut.close(minted.token().id(), "alice")).isInstanceOf(ForbiddenException.class);
        assertThat(tokens.ownerOf(minted.secret())).contains("u1");
    }
}
