package io.texium.scheduler.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.texium.scheduler.platform.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignInBackoffTest {

    static final String HOME = "192.0.2.10";
    static final String OFFICE = "198.51.100.20";

    final SettableClock clock = new SettableClock(Instant.parse("2026-11-29T12:00:00Z"));
    final SignInBackoff cut = new SignInBackoff();

    @BeforeEach
    void wire() {
        cut.perUsername = 10;
        cut.perAddress = 30;
        cut.windowSeconds = 60;
        cut.clock = clock;
        cut.configure();
    }

    /** One sign-in that fails: reserved and not given back. */
    void fail(String address, String username) throws Refusal {
        cut.reserve(address, username);
    }

    Refusal refusal(String address, String username) {
        return catchThrowableOfType(Refusal.class, () -> cut.reserve(address, username));
    }

    @Test
    void ten_failures_for_a_username_in_a_minute_refuse_the_next_try_with_retry_after() throws Refusal {
        for (int i = 0; i < 10; i++) {
            fail(HOME, "alice");
        }
        Refusal refused = refusal(HOME, "alice");
        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers()).containsEntry("Retry-After", "6");
        assertThat(refusal(OFFICE, "alice")).as("from any address").isNotNull();
        assertThatCode(() -> cut.reserve(HOME, "bob")).as("another name from the same address").doesNotThrowAnyException();
    }

    @Test
    void the_username_backs_off_for_a_share_of_the_window_then_allows_one_more_try() throws Refusal {
        for (int i = 0; i < 10; i++) {
            fail(HOME, "alice");
        }
        clock.advance(Duration.ofSeconds(5));
        assertThat(refusal(HOME, "alice")).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        fail(HOME, "alice");
        assertThat(refusal(HOME, "alice")).isNotNull();
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            fail(HOME, "alice");
        }
    }

    @Test
    void an_address_trying_many_usernames_is_refused_after_its_own_count() throws Refusal {
        for (int i = 0; i < 30; i++) {
            fail(OFFICE, "user-" + i);
        }
        Refusal refused = refusal(OFFICE, "someone-new");
        assertThat(refused).isNotNull();
        assertThat(refused.headers()).containsEntry("Retry-After", "2");
        assertThatCode(() -> cut.reserve(HOME, "someone-new")).doesNotThrowAnyException();
    }

    @Test
    void a_refusal_by_address_does_not_count_against_the_username() throws Refusal {
        for (int i = 0; i < 30; i++) {
            fail(OFFICE, "user-" + i);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(refusal(OFFICE, "carol")).isNotNull();
        }
        for (int i = 0; i < 10; i++) {
            fail(HOME, "carol");
        }
    }

    @Test
    void successful_sign_ins_count_nothing() throws Refusal {
        for (int i = 0; i < 1_000; i++) {
            cut.reserve(HOME, "alice");
            cut.succeeded(HOME, "alice");
        }
        for (int i = 0; i < 10; i++) {
            fail(HOME, "alice");
        }
        assertThat(refusal(HOME, "alice")).isNotNull();
    }

    @Test
    void a_known_and_an_unknown_username_get_the_same_answer() throws Refusal {
        // the backoff never learns whether a name exists: both are counted by the text sent
        for (int i = 0; i < 10; i++) {
            fail(HOME, "alice");
            fail(OFFICE, "no-such-user");
        }
        Refusal known = refusal(HOME, "alice");
        Refusal unknown = refusal(OFFICE, "no-such-user");
        assertThat(known.getMessage()).isEqualTo(unknown.getMessage());
        assertThat(known.headers()).isEqualTo(unknown.headers());
    }
}
