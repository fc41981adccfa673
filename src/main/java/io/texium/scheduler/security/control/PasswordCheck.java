package io.texium.scheduler.security.control;

import io.texium.scheduler.users.control.Users;
import io.texium.scheduler.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks HTTP Basic passwords. PBKDF2 is slow on purpose, and Basic sends the password on every request, so a
 * successful check is remembered for a few minutes, keyed by user, stored hash and a SHA-256 of the password:
 * a changed password (or hash) misses the cache at once.
 */
@ApplicationScoped
public class PasswordCheck {

    static final Duration REMEMBER = Duration.ofMinutes(5);

    @Inject
    Users users;

    @Inject
    Clock clock;

    private final Map<String, Instant> verified = new ConcurrentHashMap<>();

    public boolean matches(User user, String password) {
        String key = user.id() + ":" + ApiTokens.sha256Hex(user.passwordHash() + "\u0000" + password);
        Instant now = clock.instant();
        Instant until = verified.get(key);
        if (until != null && now.isBefore(until)) {
            return true;
        }
        if (!users.verify(user, password.toCharArray())) {
            return false;
        }
        if (verified.size() > 10_000) {
            verified.entrySet().removeIf(e -> !now.isBefore(e.getValue()));
        }
        verified.put(key, now.plus(REMEMBER));
        return true;
    }

}
