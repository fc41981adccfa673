package io.texium.scheduler.users.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.platform.Fakes;
import io.texium.scheduler.problems.UnavailableException;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordsTest {

    static final char[] PASSWORD = "correct horse battery".toCharArray();

    static Passwords passwords(Pbkdf2PasswordHash hash, Integer threads, long waitMillis) {
        var passwords = new Passwords();
        passwords.hash = hash;
        passwords.threads = Optional.ofNullable(threads);
        passwords.waitMillis = waitMillis;
        passwords.initialize();
        return passwords;
    }

    @Test
    void new_hashes_are_pbkdf2_hmac_sha512_with_210000_iterations() {
        var cut = passwords(new JcaPbkdf2(), null, 1000);
        String stored = cut.hash(PASSWORD);
        assertThat(stored).startsWith("PBKDF2WithHmacSHA512:210000:");
        assertThat(Passwords.current(stored)).isTrue();
        assertThat(cut.verify(PASSWORD, stored)).isTrue();
        assertThat(cut.verify("correct horse battery!".toCharArray(), stored)).isFalse();
    }

    @Test
    void a_hash_made_with_the_old_defaults_still_verifies_and_is_known_as_outdated() {
        String old = new JcaPbkdf2().generate(PASSWORD);
        assertThat(old).startsWith("PBKDF2WithHmacSHA256:2048:");
        assertThat(Passwords.current(old)).isFalse();
        assertThat(passwords(new JcaPbkdf2(), 1, 1000).verify(PASSWORD, old)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "PBKDF2WithHmacSHA512:210000:c2FsdA==:aGFzaA== | true",
            "PBKDF2WithHmacSHA512:600000:c2FsdA==:aGFzaA== | true",
            "PBKDF2WithHmacSHA512:100000:c2FsdA==:aGFzaA== | false",
            "PBKDF2WithHmacSHA256:600000:c2FsdA==:aGFzaA== | false",
            "PBKDF2WithHmacSHA512:many:c2FsdA==:aGFzaA==   | false",
            "PBKDF2WithHmacSHA512:210000:c2FsdA==          | false",
            "''                                            | false",
            "null                                          | false"})
    void tells_a_hash_made_with_todays_settings_by_its_stored_form(String stored, boolean current) {
        assertThat(Passwords.current(stored)).isEqualTo(current);
    }

    @Test
    void hashes_past_the_limit_wait_briefly_then_get_a_503_and_the_next_turn_is_served() throws Exception {
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        Pbkdf2PasswordHash slow = Fakes.of(Pbkdf2PasswordHash.class, Map.of(
                "initialize", args -> null,
                "generate", args -> {
                    started.countDown();
                    await(release);
                    return "stored";
                },
                "verify", args -> true));
        var cut = passwords(slow, 1, 50);
        var first = new Thread(() -> cut.hash(PASSWORD));
        first.start();
        started.await();

        long asked = System.nanoTime();
        assertThatThrownBy(() -> cut.verify(PASSWORD, "stored")).isInstanceOf(UnavailableException.class)
                .hasMessageContaining("too many password checks at once");
        assertThat((System.nanoTime() - asked) / 1_000_000).as("waited for a turn").isGreaterThanOrEqualTo(45);

        release.countDown();
        first.join();
        assertThat(cut.verify(PASSWORD, "stored")).isTrue();
    }

    /** Not a check of speed (no test asserts one): prints what one hash costs here, old settings against new. */
    @Test
    void prints_the_cost_of_one_hash() {
        var old = new JcaPbkdf2();
        var today = passwords(new JcaPbkdf2(), 1, 1000);
        double oldMillis = millisPerHash(() -> old.generate(PASSWORD));
        double todayMillis = millisPerHash(() -> today.hash(PASSWORD));
        System.out.printf("one password hash: PBKDF2WithHmacSHA256, 2,048 iterations (before) %.1f ms; "
                + "PBKDF2WithHmacSHA512, 210,000 iterations (now) %.1f ms; %d processors%n",
                oldMillis, todayMillis, Runtime.getRuntime().availableProcessors());
        assertThat(todayMillis).isPositive();
    }

    private static double millisPerHash(Runnable hash) {
        for (int i = 0; i < 2; i++) {
            hash.run(); // warm-up: the JIT compiles the hash first
        }
        int rounds = 3;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            hash.run();
        }
        return (System.nanoTime() - start) / 1e6 / rounds;
    }

    private static Object await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
