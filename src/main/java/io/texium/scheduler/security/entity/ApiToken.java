package io.texium.scheduler.security.entity;

import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;
import java.time.Instant;
import java.util.Date;
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
    private Date createdAt;

    @Column("expires_at")
    private Date expiresAt;

    @Column("revoked_at")
    private Date revokedAt;

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
        return createdAt == null ? null : createdAt.toInstant();
    }

    public ApiToken createdAt(Instant createdAt) {
        this.createdAt = createdAt == null ? null : Date.from(createdAt);
        return this;
    }

    public Instant expiresAt() {
        return expiresAt == null ? null : expiresAt.toInstant();
    }

    public ApiToken expiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt == null ? null : Date.from(expiresAt);
        return this;
    }

    public Instant revokedAt() {
        return revokedAt == null ? null : revokedAt.toInstant();
    }

    public ApiToken revokedAt(Instant revokedAt) {
        this.revokedAt = revokedAt == null ? null : Date.from(revokedAt);
        return this;
    }

    /** Usable now: neither revoked nor past its expiry. */
    public boolean validAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt.toInstant()));
    }
}
