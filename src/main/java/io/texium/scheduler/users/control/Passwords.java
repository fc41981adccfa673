package io.texium.scheduler.users.control;

import io.texium.scheduler.problems.UnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one place passwords are hashed and checked: PBKDF2-HMAC-SHA512 with 210,000 iterations (OWASP's
 * recommendation for that algorithm), through the server's {@link Pbkdf2PasswordHash}. A hash costs a few hundred
 * milliseconds of CPU on purpose, so at most {@code texium.passwords.hash-threads} are computed at once (default:
 * half the processors, at least one): a flood of sign-ins with wrong passwords cannot take every core from the
 * scheduler. A caller waits up to {@code texium.passwords.hash-wait-millis} for its turn, then gets a 503.
 */
@ApplicationScoped
public class Passwords {

    static final String ALGORITHM = "PBKDF2WithHmacSHA512";
    static final int ITERATIONS = 210_000;

    @Inject
    Pbkdf2PasswordHash hash;

    @Inject
    @ConfigProperty(name = "texium.passwords.hash-threads")
    Optional<Integer> threads;

    @Inject
    @ConfigProperty(name = "texium.passwords.hash-wait-millis", defaultValue = "1000")
    long waitMillis;

    private Semaphore turns;

    @PostConstruct
    void initialize() {
        hash.initialize(Map.of("Pbkdf2PasswordHash.Algorithm", ALGORITHM,
                "Pbkdf2PasswordHash.Iterations", Integer.toString(ITERATIONS)));
        int allowed = threads.orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        turns = new Semaphore(Math.max(1, allowed), true);
    }

    /** A new hash of the password, in the stored form {@code algorithm:iterations:salt:hash}. */
    public String hash(char[] password) {
        return inTurn(() -> hash.generate(password));
    }

    /** Whether the password matches the stored hash, whatever settings that hash was made with. */
    public boolean verify(char[] password, String stored) {
        return inTurn(() -> hash.verify(password, stored));
    }

    /**
     * Whether a stored hash was made with today's settings. The stored form names its algorithm and iterations
     * (Jakarta Security fixes it as {@code algorithm:iterations:base64(salt):base64(hash)}), so an older, weaker
     * hash is recognised and can be replaced when its password is next seen.
     */
    public static boolean current(String stored) {
        if (stored == null) {
            return false;
        }
        String[] parts = stored.split(":");
        try {
            return parts.length == 4 && ALGORITHM.equals(parts[0]) && Integer.parseInt(parts[1]) >= ITERATIONS;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private <T> T inTurn(Supplier<T> work) {
        boolean turn;
        try {
            turn = turns.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            turn = false;
        }
        if (!turn) {
            throw new UnavailableException("too many password checks at once; try again in a moment", null);
        }
        try {
            return work.get();
        } finally {
            turns.release();
        }
    }
}
