package io.texium.scheduler.security.control;

import io.texium.scheduler.security.entity.ApiToken;
import java.time.Duration;
import java.time.Instant;

/**
 * The time rules of a console session: a session token lives {@code lifetime} after it is issued, renewals go on
 * until {@link #MAX_AGE} after the password sign-in, and no token of the session outlives that moment.
 */
public record SessionRules(Duration lifetime) {

    /** The name every console session token carries. */
    public static final String NAME = "console session";
    /** How long after the password sign-in a session may be renewed: then the password is asked again. */
    public static final Duration MAX_AGE = Duration.ofHours(12);

    public SessionRules {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a session lasts at least a minute, not " + lifetime);
        }
    }

    /** When a token issued {@code now} for a sign-in made at {@code signedInAt} expires. */
    public Instant expiry(Instant signedInAt, Instant now) {
        Instant lifetimeEnd = now.plus(lifetime);
        Instant sessionEnd = signedInAt.plus(MAX_AGE);
        return lifetimeEnd.isBefore(sessionEnd) ? lifetimeEnd : sessionEnd;
    }

    /** Whether a session signed in at {@code signedInAt} may still get a fresh token {@code now}. */
    public boolean renewable(Instant signedInAt, Instant now) {
        return now.isBefore(signedInAt.plus(MAX_AGE));
    }

    /** Whether the token is a console session's (made by a sign-in), not a token its owner minted. */
    public static boolean isSession(ApiToken token) {
        return token.signedInAt() != null && NAME.equals(token.name());
    }
}
