package io.texium.scheduler.security.entity;

import io.texium.scheduler.platform.InstantAsDate;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;
import java.time.Instant;
import org.eclipse.jnosql.databases.mongodb.mapping.ObjectIdConverter;

/** An API token as stored in {@code api_tokens}: only the SHA-256 of the secret is kept, never the secret. */
@Entity("api_tokens")
public class ApiToken {

    @Id
    @Convert(ObjectIdConverter.class)
    private String id;

    @Column("user_id")
    private String userId;

    @Column("name")
    private String name;

    @Column("token_hash")
    private String tokenHash;

    @Column("created_at")
    @Convert(InstantAsDate.class)
    private Instant createdAt;

    @Column("expires_at")
    @Convert(InstantAsDate.class)
    private Instant expiresAt;

    @Column("revoked_at")
    @Convert(InstantAsDate.class)
    private Instant revokedAt;

    /** A console session's password sign-in (kept across renewals); null for any other token. */
    @Column("signed_in_at")
    @Convert(InstantAsDate.class)
    private Instant signedInAt;

    public String id() {
        return id;
    }

    public ApiToken id(String id) {
        this.id = id;
        return this;
    }

    public String userId() {
        return userId;
    }

    public ApiToken userId(String userId) {
        this.userId = userId;
        return this;
    }

    public String name() {
        return name;
    }

    public ApiToken name(String name) {
        this.name = name;
        return this;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public ApiToken tokenHash(String tokenHash) {
        this.tokenHash = tokenHash;
        return this;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public ApiToken createdAt(Instant createdAt) {
        this.createdAt = InstantAsDate.stored(createdAt);
        return this;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public ApiToken expiresAt(Instant expiresAt) {
        this.expiresAt = InstantAsDate.stored(expiresAt);
        return this;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public ApiToken revokedAt(Instant revokedAt) {
        this.revokedAt = InstantAsDate.stored(revokedAt);
        return this;
    }

    public Instant signedInAt() {
        return signedInAt;
    }

    public ApiToken signedInAt(Instant signedInAt) {
        this.signedInAt = InstantAsDate.stored(signedInAt);
        return this;
    }

    /** Usable now: neither revoked nor past its expiry. */
    public boolean validAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
