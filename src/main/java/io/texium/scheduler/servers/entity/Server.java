package io.texium.scheduler.servers.entity;

import io.texium.scheduler.platform.InstantAsDate;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;
import java.time.Instant;
import java.util.List;
import org.eclipse.jnosql.databases.mongodb.mapping.ObjectIdConverter;

/** A watched server as stored in {@code servers}: its owner, how to check it, and what the last check found. */
// The check is stored flat (check_type, check_url, check_host, check_port), which JNoSQL maps without
// embedded-entity rules; check() puts it together again.
@Entity("servers")
public class Server {

    @Id
    @Convert(ObjectIdConverter.class)
    private String id;

    @Column("user_id")
    private String userId;

    @Column("name")
    private String name;

    @Column("description")
    private String description;

    @Column("tags")
    private List<String> tags;

    @Column("check_type")
    private String checkType;

    @Column("check_url")
    private String checkUrl;

    @Column("check_host")
    private String checkHost;

    @Column("check_port")
    private Integer checkPort;

    @Column("status")
    private ServerStatus status;

    @Column("last_checked_at")
    @Convert(InstantAsDate.class)
    private Instant lastCheckedAt;

    @Column("last_latency_ms")
    private Long lastLatencyMs;

    @Column("last_error")
    private String lastError;

    @Column("created_at")
    @Convert(InstantAsDate.class)
    private Instant createdAt;

    @Column("updated_at")
    @Convert(InstantAsDate.class)
    private Instant updatedAt;


    public String id() {
        return id;
    }

    public Server id(String id) {
        this.id = id;
        return this;
    }

    public String userId() {
        return userId;
    }

    public Server userId(String userId) {
        this.userId = userId;
        return this;
    }

    public String name() {
        return name;
    }

    public Server name(String name) {
        this.name = name;
        return this;
    }

    public String description() {
        return description;
    }

    public Server description(String description) {
        this.description = description;
        return this;
    }

    public List<String> tags() {
        return tags == null ? List.of() : tags;
    }

    public Server tags(List<String> tags) {
        this.tags = tags;
        return this;
    }

    /** The check, or null when none is set. */
    public ServerCheck check() {
        return checkType == null ? null : new ServerCheck(checkType, checkUrl, checkHost, checkPort);
    }

    public Server check(ServerCheck check) {
        this.checkType = check == null ? null : check.type();
        this.checkUrl = check == null ? null : check.url();
        this.checkHost = check == null ? null : check.host();
        this.checkPort = check == null ? null : check.port();
        return this;
    }

    public ServerStatus status() {
        return status;
    }

    public Server status(ServerStatus status) {
        this.status = status;
        return this;
    }

    public Instant lastCheckedAt() {
        return lastCheckedAt;
    }

    public Server lastCheckedAt(Instant lastCheckedAt) {
        this.lastCheckedAt = InstantAsDate.stored(lastCheckedAt);
        return this;
    }

    public Long lastLatencyMs() {
        return lastLatencyMs;
    }

    public Server lastLatencyMs(Long lastLatencyMs) {
        this.lastLatencyMs = lastLatencyMs;
        return this;
    }

    public String lastError() {
        return lastError;
    }

    public Server lastError(String lastError) {
        this.lastError = lastError;
        return this;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Server createdAt(Instant createdAt) {
        this.createdAt = InstantAsDate.stored(createdAt);
        return this;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Server updatedAt(Instant updatedAt) {
        this.updatedAt = InstantAsDate.stored(updatedAt);
        return this;
    }
}
