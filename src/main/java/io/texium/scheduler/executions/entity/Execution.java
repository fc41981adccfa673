package io.texium.scheduler.executions.entity;

import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;
import java.time.Instant;
import java.util.Date;
import org.eclipse.jnosql.databases.mongodb.mapping.ObjectIdConverter;

/** One run of a job as stored in {@code scheduler_executions}: scheduled, running, then succeeded or failed, with output or error. */
// Times are java.util.Date fields so that MongoDB stores BSON dates (JNoSQL writes java.time values as strings,
// which neither sort nor compare as times); the accessors speak Instant.
@Entity("scheduler_executions")
public class Execution {

    @Id
    @Convert(ObjectIdConverter.class)
    private String id;

    @Column("job_id")
    private String jobId;

    @Column("user_id")
    private String userId;

    @Column("job_name")
    private String jobName;

    @Column("job_class_string")
    private String jobClassString;

    @Column("status")
    private ExecutionStatus status;

    @Column("trigger")
    private String trigger;

    @Column("scheduled_time")
    private Date scheduledTime;

    @Column("output")
    private String output;

    @Column("error")
    private String error;

    @Column("hostname")
    private String hostname;

    @Column("started_at")
    private Date startedAt;

    @Column("completed_at")
    private Date completedAt;

    @Column("duration_ms")
    private Long durationMs;

    @Column("created_at")
    private Date createdAt;


    public String id() {
        return id;
    }

    public Execution id(String id) {
        this.id = id;
        return this;
    }

    public String jobId() {
        return jobId;
    }

    public Execution jobId(String jobId) {
        this.jobId = jobId;
        return this;
    }

    public String userId() {
        return userId;
    }

    public Execution userId(String userId) {
        this.userId = userId;
        return this;
    }

    public String jobName() {
        return jobName;
    }

    public Execution jobName(String jobName) {
        this.jobName = jobName;
        return this;
    }

    public String jobClassString() {
        return jobClassString;
    }

    public Execution jobClassString(String jobClassString) {
        this.jobClassString = jobClassString;
        return this;
    }

    public ExecutionStatus status() {
        return status;
    }

    public Execution status(ExecutionStatus status) {
        this.status = status;
        return this;
    }

    public String trigger() {
        return trigger;
    }

    public Execution trigger(String trigger) {
        this.trigger = trigger;
        return this;
    }

    public Instant scheduledTime() {
        return scheduledTime == null ? null : scheduledTime.toInstant();
    }

    public Execution scheduledTime(Instant scheduledTime) {
        this.scheduledTime = scheduledTime == null ? null : Date.from(scheduledTime);
        return this;
    }

    public String output() {
        return output;
    }

    public Execution output(String output) {
        this.output = output;
        return this;
    }

    public String error() {
        return error;
    }

    public Execution error(String error) {
        this.error = error;
        return this;
    }

    public String hostname() {
        return hostname;
    }

    public Execution hostname(String hostname) {
        this.hostname = hostname;
        return this;
    }

    public Instant startedAt() {
        return startedAt == null ? null : startedAt.toInstant();
    }

    public Execution startedAt(Instant startedAt) {
        this.startedAt = startedAt == null ? null : Date.from(startedAt);
        return this;
    }

    public Instant completedAt() {
        return completedAt == null ? null : completedAt.toInstant();
    }

    public Execution completedAt(Instant completedAt) {
        this.completedAt = completedAt == null ? null : Date.from(completedAt);
        return this;
    }

    public Long durationMs() {
        return durationMs;
    }

    public Execution durationMs(Long durationMs) {
        this.durationMs = durationMs;
        return this;
    }

    public Instant createdAt() {
        return createdAt == null ? null : createdAt.toInstant();
    }

    public Execution createdAt(Instant createdAt) {
        this.createdAt = createdAt == null ? null : Date.from(createdAt);
        return this;
    }
}
