package io.texium.scheduler.security.control;

import io.texium.scheduler.users.control.Users;
import io.texium.scheduler.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks HTTP Basic passwords. PBKDF2 is slow on purpose, and Basic sends the password on every request, so a
 * successful check is remembered for a few minutes, keyed by user, stored hash and a SHA-256 of the password:
 * a changed password (or hash) misses the cache at once. Requests that bring the same credential while it is being
 * checked wait for that one check instead of hashing again (a client's burst after the cache expired costs one
 * hash). A successful check of a hash made with older settings stores a new one ({@link Users#verify}), and the
 * success is remembered under the new hash, which the next request reads from the store.
 */
@ApplicationScoped
public class PasswordCheck {

    static final Duration REMEMBER = Duration.ofMinutes(5);

    @Inject
    Users users;

    @Inject
    Clock clock;

    private final Map<String, Instant> verified = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Boolean>> checking = new ConcurrentHashMap<>();

    public boolean matches(User user, String password) {
        String key = key(user.id(), user.passwordHash(), password);
        Instant until = verified.get(key);
        if (until != null && clock.instant().isBefore(until)) {
            return true;
        }
        var mine = new CompletableFuture<Boolean>();
        var running = checking.putIfAbsent(key, mine);
        if (running != null) {
            return joined(running);
        }
        try {
            boolean matches = check(user, password);
            mine.complete(matches);
            return matches;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            checking.remove(key, mine);
        }
    }

    private boolean check(User user, String password) {
        if (!users.verify(user, password.toCharArray())) {
            return false;
        }
        Instant now = clock.instant();
        if (verified.size() > 10_000) {
            verified.entrySet().removeIf(e -> !now.isBefore(e.getValue()));
        }
        verified.put(key(user.id(), user.passwordHash(), password), now.plus(REMEMBER));
        return true;
    }

    /** The outcome of the same check made by another request; its failure (such as a 503) is this request's too. */
    private static boolean joined(CompletableFuture<Boolean> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static String key(String userId, String passwordHash, String password) {
        return userId + ":" + ApiTokens.sha256Hex(passwordHash + "\u0000" + password);
    }
}
