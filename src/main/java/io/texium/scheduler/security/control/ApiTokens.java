package io.texium.scheduler.security.control;

import com.mongodb.client.model.Filters;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.problems.NotFoundException;
import io.texium.scheduler.security.entity.ApiToken;
import io.texium.scheduler.users.control.PasswordReset;
import io.texium.scheduler.users.control.UserRemoval;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.jnosql.databases.mongodb.mapping.MongoDBTemplate;

/**
 * Issues, finds and revokes API tokens. A token is 32 random bytes shown once at creation; only its SHA-256
 * is stored (a fast hash suffices for a secret with 256 bits of entropy, and makes each request one lookup).
 */
@ApplicationScoped
public class ApiTokens {

    static final String PREFIX = "txm_";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ApiTokenRepository repository;

    @Inject
    MongoDBTemplate template;

    @Inject
    Clock clock;

    @Inject
    Event<TokenEvent> events;

    /** A new token: the stored record and the secret, which is never available again. */
    public record Issued(ApiToken token, String secret) {
    }

    public Issued issue(String userId, String name, Instant expiresAt) {
        String secret = newSecret();
        var token = new ApiToken().id(Ids.newId()).userId(userId).name(name).tokenHash(sha256Hex(secret))
                .createdAt(clock.instant()).expiresAt(expiresAt);
        events.fire(new TokenEvent(TokenEvent.Kind.CREATED, token));
        repository.insert(token);
        return new Issued(token, secret);
    }

    /** A fresh secret: the prefix and 32 random bytes, URL-safe Base64. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The owner's id of a valid (unexpired, unrevoked) token. */
    public Optional<String> ownerOf(String secret) {
        return valid(secret).map(ApiToken::userId);
    }

    /** The valid (unexpired, unrevoked) token of a secret. */
    public Optional<ApiToken> valid(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return repository.byTokenHash(sha256Hex(secret)).filter(t -> t.validAt(now));
    }

    public List<ApiToken> of(String userId) {
        return repository.byUser(userId);
    }

    /** Revokes one of the user's tokens (idempotent, each call audited); another user's token is not found. */
    public ApiToken revoke(String userId, String tokenId) {
        String id = Ids.require("token", tokenId);
        ApiToken token = repository.findById(id).filter(t -> t.userId().equals(userId))
                .orElseThrow(() -> new NotFoundException("token", tokenId));
        events.fire(new TokenEvent(TokenEvent.Kind.REVOKED, token));
        if (token.revokedAt() == null) {
            token.revokedAt(clock.instant());
            repository.update(token);
        }
        return token;
    }

    /** An admin set the user's password: every token of the user still valid is revoked, each revocation audited. */
    void revokeAll(@Observes PasswordReset reset) {
        Instant now = clock.instant();
        of(reset.userId()).stream().filter(t -> t.validAt(now)).forEach(t -> revoke(t.userId(), t.id()));
    }

    /**
     * Removes every token of a user being deleted: they never block the deletion, and are not audited one by one.
     * By filter, as JNoSQL's {@code @Delete} takes only entities.
     */
    void deleteOwned(@Observes @Priority(300) UserRemoval removal) {
        template.delete(ApiToken.class, Filters.eq("user_id", removal.userId()));
    }

    /** SHA-256 of the text as hex: the stored form of a token, and the key of a remembered password check. */
    static String sha256Hex(String secret) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
