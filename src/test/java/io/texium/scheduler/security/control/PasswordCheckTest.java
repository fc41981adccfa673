package io.texium.scheduler.security.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.platform.SettableClock;
import io.texium.scheduler.problems.UnavailableException;
import io.texium.scheduler.users.control.Users;
import io.texium.scheduler.users.entity.User;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The sign-in cache: when a password is checked again (the slow PBKDF2) and when a remembered success answers. */
class PasswordCheckTest {

    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    PasswordCheck cut;
    SettableClock clock = new SettableClock(T0);
    /** How often the slow check ran. */
    int verified;
    User alice = new User().id("a1").username("alice").passwordHash("hash:secret-1");

    @BeforeEach
    void wire() {
        cut = new PasswordCheck();
        cut.clock = clock;
        cut.users = new Users() {
            @Override
            public boolean verify(User user, char[] password) {
                verified++;
                return user.passwordHash().equals("hash:" + new String(password));
            }
        };
    }

    @Test
    void a_success_is_remembered_for_its_lifetime() {
        assertThat(cut.matches(alice, "secret-1")).isTrue();
        clock.advance(PasswordCheck.REMEMBER.minusNanos(1));
        assertThat(cut.matches(alice, "secret-1")).isTrue();
        assertThat(verified).as("checked once, then remembered").isEqualTo(1);
    }

    @Test
    void a_remembered_success_expires_at_the_end_of_its_lifetime() {
        assertThat(cut.matches(alice, "secret-1")).isTrue();
        clock.advance(PasswordCheck.REMEMBER);
        assertThat(cut.matches(alice, "secret-1")).isTrue();
        assertThat(verified).as("checked again at the expiry instant").isEqualTo(2);
        clock.advance(Duration.ofMinutes(1));
        assertThat(cut.matches(alice, "secret-1")).isTrue();
        assertThat(verified).as("the new success is remembered from its own check").isEqualTo(2);
    }

    @Test
    void a_changed_password_hash_misses_the_cache_at_once() {
        assertThat(cut.matches(alice, "secret-1")).isTrue();
        alice.passwordHash("hash:secret-2");
        assertThat(cut.matches(alice, "secret-1")).as("the old password").isFalse();
        assertThat(cut.matches(alice, "secret-2")).as("the new password").isTrue();
        assertThat(verified).isEqualTo(3);
    }

    @Test
    void another_password_is_checked_not_answered_from_the_cache() {
        assertThat(cut.matches(alice, "secret-1")).isTrue();
        assertThat(cut.matches(alice, "secret-2")).isFalse();
        assertThat(verified).isEqualTo(2);
    }

    @Test
    void a_failed_check_is_not_remembered_as_a_success() {
        assertThat(cut.matches(alice, "wrong")).isFalse();
        assertThat(cut.matches(alice, "wrong")).isFalse();
        assertThat(verified).as("each failure is checked anew").isEqualTo(2);
        assertThat(cut.matches(alice, "secret-1")).isTrue();
    }

    @Test
    void a_success_is_remembered_for_its_user_only() {
        var bob = new User().id("b1").username("bob").passwordHash(alice.passwordHash());
        assertThat(cut.matches(alice, "secret-1")).isTrue();
        assertThat(cut.matches(bob, "secret-1")).isTrue();
        assertThat(verified).as("same hash and password, other user: checked").isEqualTo(2);
    }

    /** Checks that run at the same time, that fail for lack of capacity, and that replace an old hash. */
    @Nested
    class UnderLoad {

        final CountDownLatch checking = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger hashed = new AtomicInteger();
        boolean busy;
        boolean blocking;
        String upgradedTo;

        @BeforeEach
        void wire() {
            cut.users = new Users() {
                @Override
                public boolean verify(User user, char[] password) {
                    hashed.incrementAndGet();
                    checking.countDown();
                    if (blocking) {
                        await(release);
                    }
                    if (busy) {
                        throw new UnavailableException("too many password checks at once; try again in a moment", null);
                    }
                    boolean matches = user.passwordHash().equals("hash:" + new String(password));
                    if (matches && upgradedTo != null) {
                        user.passwordHash(upgradedTo);
                    }
                    return matches;
                }
            };
        }

        @Test
        void requests_bringing_a_credential_that_is_being_checked_wait_for_that_one_check() throws Exception {
            blocking = true;
            var first = new AtomicBoolean();
            var second = new AtomicBoolean();
            var leader = new Thread(() -> first.set(cut.matches(alice, "secret-1")));
            leader.start();
            checking.await();
            var follower = new Thread(() -> second.set(cut.matches(alice, "secret-1")));
            follower.start();
            while (follower.getState() != Thread.State.WAITING && follower.isAlive()) {
                Thread.onSpinWait();
            }
            release.countDown();
            leader.join();
            follower.join();

            assertThat(first).isTrue();
            assertThat(second).isTrue();
            assertThat(hashed).hasValue(1);
        }

        @Test
        void a_check_refused_for_lack_of_capacity_is_a_503_and_nothing_is_remembered() {
            busy = true;
            assertThatThrownBy(() -> cut.matches(alice, "secret-1")).isInstanceOf(UnavailableException.class);
            busy = false;
            assertThat(cut.matches(alice, "secret-1")).isTrue();
            assertThat(hashed).hasValue(2);
        }

        @Test
        void a_replaced_hash_is_remembered_under_its_new_form() {
            upgradedTo = "PBKDF2WithHmacSHA512:210000:c2FsdA==:bmV3";
            assertThat(cut.matches(alice, "secret-1")).isTrue();
            var asStoredNow = new User().id(alice.id()).username("alice").passwordHash(upgradedTo);
            assertThat(cut.matches(asStoredNow, "secret-1")).isTrue();
            assertThat(hashed).as("the next request reads the new hash from the store").hasValue(1);
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
