package io.texium.scheduler.audit.entity;

import io.texium.scheduler.platform.InstantAsDate;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;
import java.time.Instant;
import org.eclipse.jnosql.databases.mongodb.mapping.ObjectIdConverter;

/** One audited change as stored in {@code scheduler_audit}: what happened to which object, whose it is, who did it, when, and what changed. */
// The changes are a JSON string: their values are of any JSON type, which a string maps without surprises.
@Entity("scheduler_audit")
public class AuditEntry {

    @Id
    @Convert(ObjectIdConverter.class)
    private String id;

    @Column("event")
    private String event;

    @Column("target_type")
    private String targetType;

    @Column("target_id")
    private String targetId;

    @Column("target_name")
    private String targetName;

    @Column("owner_id")
    private String ownerId;

    @Column("job_id")
    private String jobId;

    @Column("actor")
    private String actor;

    @Column("actor_name")
    private String actorName;

    @Column("time")
    @Convert(InstantAsDate.class)
    private Instant time;

    @Column("changes_json")
    private String changesJson;


    public String id() {
        return id;
    }

    public AuditEntry id(String id) {
        this.id = id;
        return this;
    }

    public String event() {
        return event;
    }

    public AuditEntry event(String event) {
        this.event = event;
        return this;
    }

    public String targetType() {
        return targetType;
    }

    public AuditEntry targetType(String targetType) {
        this.targetType = targetType;
        return this;
    }

    public String targetId() {
        return targetId;
    }

    public AuditEntry targetId(String targetId) {
        this.targetId = targetId;
        return this;
    }

    public String targetName() {
        return targetName;
    }

    public AuditEntry targetName(String targetName) {
        this.targetName = targetName;
        return this;
    }

    public String ownerId() {
        return ownerId;
    }

    public AuditEntry ownerId(String ownerId) {
        this.ownerId = ownerId;
        return this;
    }

    public String jobId() {
        return jobId;
    }

    public AuditEntry jobId(String jobId) {
        this.jobId = jobId;
        return this;
    }

    public String actor() {
        return actor;
    }

    public AuditEntry actor(String actor) {
        this.actor = actor;
        return this;
    }

    public String actorName() {
        return actorName;
    }

    public AuditEntry actorName(String actorName) {
        this.actorName = actorName;
        return this;
    }

    public Instant time() {
        return time;
    }

    public AuditEntry time(Instant time) {
        this.time = InstantAsDate.stored(time);
        return this;
    }

    public String changesJson() {
        return changesJson;
    }

    public AuditEntry changesJson(String changesJson) {
        this.changesJson = changesJson;
        return this;
    }
}
