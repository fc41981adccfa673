package io.texium.scheduler.executions.entity;

import java.time.Instant;
import java.util.Date;

/**
 * One fire or run of a job: scheduled, running, then an outcome, with output or error, the instance that ran it, and
 * the moments of its way through the pipeline (due, fired by the timer, claimed, started, completed). A
 * {@code missed} entry stands for {@code fireCount} fires in a row. Stored in the hourly bucket of its id
 * ({@code ExecutionBucket}), mapped to and from documents by {@code ExecutionWrites}.
 */
// Times are held as java.util.Date, the type of the stored BSON dates; the accessors speak Instant.
public class Execution {

    private String id;

    private String jobId;

    private String userId;

    private String jobName;

    private String jobClassString;

    private ExecutionStatus status;

    private String trigger;

    private Date scheduledTime;

    private String output;

    private String error;

    private String hostname;

    private Date startedAt;

    private Date completedAt;

    private Long durationMs;

    private Date createdAt;

    private Date firedAt;

    private String instanceId;

    private String reason;

    private Long fireCount;

    private Date lastScheduledTime;


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

    /** When the timer delivered the fire (scheduled fires only). */
    public Instant firedAt() {
        return firedAt == null ? null : firedAt.toInstant();
    }

    public Execution firedAt(Instant firedAt) {
        this.firedAt = firedAt == null ? null : Date.from(firedAt);
        return this;
    }

    /** The scheduler instance that holds or ran the execution. */
    public String instanceId() {
        return instanceId;
    }

    public Execution instanceId(String instanceId) {
        this.instanceId = instanceId;
        return this;
    }

    /** Why a fire was missed or skipped. */
    public String reason() {
        return reason;
    }

    public Execution reason(String reason) {
        this.reason = reason;
        return this;
    }

    /** How many fires a {@code missed} entry stands for; null for one. */
    public Long fireCount() {
        return fireCount;
    }

    public Execution fireCount(Long fireCount) {
        this.fireCount = fireCount;
        return this;
    }

    /** The last due time a {@code missed} entry stands for ({@code scheduledTime} is the first). */
    public Instant lastScheduledTime() {
        return lastScheduledTime == null ? null : lastScheduledTime.toInstant();
    }

    public Execution lastScheduledTime(Instant lastScheduledTime) {
        this.lastScheduledTime = lastScheduledTime == null ? null : Date.from(lastScheduledTime);
        return this;
    }
}
