package io.texium.scheduler.security.control;

import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.problems.ForbiddenException;
import io.texium.scheduler.security.entity.ApiToken;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Console sessions: a password sign-in gets a short-lived API token named {@value SessionRules#NAME}, which the
 * console renews until {@link SessionRules#MAX_AGE} after the sign-in and revokes at sign-out. The token is an
 * ordinary API token otherwise (only its hash is stored); it remembers the sign-in time across renewals.
 */
@ApplicationScoped
public class Sessions {

    public static final String MINUTES_KEY = "texium.session.minutes";

    @Inject
    ApiTokenRepository repository;

    @Inject
    Clock clock;

    @Inject
    Event<SessionEvent> events;

    @Inject
    @ConfigProperty(name = MINUTES_KEY, defaultValue = "60")
    int minutes;

    private SessionRules rules;

    @PostConstruct
    void init() {
        if (minutes < 1) {
            throw new IllegalStateException(MINUTES_KEY + " must be at least 1, not " + minutes);
        }
        rules = new SessionRules(Duration.ofMinutes(minutes));
    }

    /** A session token: the stored record and its secret, shown once. */
    public record Opened(ApiToken token, String secret) {
    }

    /** Opens a session for a user who just gave their password. */
    public Opened open(String userId, String username) {
        Instant now = clock.instant();
        events.fire(new SessionEvent(SessionEvent.Kind.SIGNED_IN, userId, username));
        return insert(userId, now, now);
    }

    /**
     * A fresh token for the session of the calling token, which is revoked; 403 when the calling token is not a
     * session's or the session is past its renewals.
     */
    public Opened renew(String callingTokenId, String username) {
        ApiToken current = session(callingTokenId).orElseThrow(() -> new ForbiddenException(
                "only a console session token can be renewed: sign in with your password (POST /api/session)"));
        Instant now = clock.instant();
        if (!rules.renewable(current.signedInAt(), now)) {
            throw new ForbiddenException("this session was signed in " + SessionRules.MAX_AGE.toHours()
                    + " hours ago and cannot be renewed: sign in again");
        }
        events.fire(new SessionEvent(SessionEvent.Kind.RENEWED, current.userId(), username));
        Opened fresh = insert(current.userId(), current.signedInAt(), now);
        current.revokedAt(now);
        repository.update(current);
        return fresh;
    }

    /** Revokes the session of the calling token (a sign-out); 403 when the calling token is not a session's. */
    public void close(String callingTokenId, String username) {
        ApiToken current = session(callingTokenId).orElseThrow(() -> new ForbiddenException(
                "only a console session token is signed out here; revoke other tokens at /api/users/{user_id}/tokens"));
        events.fire(new SessionEvent(SessionEvent.Kind.SIGNED_OUT, current.userId(), username));
        current.revokedAt(clock.instant());
        repository.update(current);
    }

    /** The calling token's record when it is a valid session token. */
    public Optional<ApiToken> session(String tokenId) {
        if (tokenId == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return repository.findById(tokenId).filter(SessionRules::isSession).filter(t -> t.validAt(now));
    }

    /** The token of a Bearer caller, session or not (for its expiry). */
    public Optional<ApiToken> token(String tokenId) {
        return tokenId == null ? Optional.empty() : repository.findById(tokenId);
    }

    private Opened insert(String userId, Instant signedInAt, Instant now) {
        String secret = ApiTokens.newSecret();
        var token = new ApiToken().id(Ids.newId()).userId(userId).name(SessionRules.NAME)
                .tokenHash(ApiTokens.sha256Hex(secret)).createdAt(now).expiresAt(rules.expiry(signedInAt, now))
                .signedInAt(signedInAt);
        repository.insert(token);
        return new Opened(token, secret);
    }
}
