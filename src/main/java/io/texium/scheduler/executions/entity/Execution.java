package io.texium.scheduler.executions.entity;

import io.texium.scheduler.platform.InstantAsDate;
import java.time.Instant;
import java.util.List;

/**
 * One fire or run of a job: scheduled, running, then an outcome, with output or error, the instance that ran it, and
 * the moments of its way through the pipeline (due, fired by the timer, claimed, started, completed). A
 * {@code missed} entry stands for {@code fireCount} fires in a row. Stored in the hourly bucket of its id
 * ({@code ExecutionBucket}), mapped to and from documents by {@code ExecutionWrites}.
 */
public class Execution {

    private String id;

    private String jobId;

    private String userId;

    private String jobName;

    private String jobClassString;

    private ExecutionStatus status;

    private String trigger;

    private Instant scheduledTime;

    private String output;

    private String error;

    private String hostname;

    private Instant startedAt;

    private Instant completedAt;

    private Long durationMs;

    private Instant createdAt;

    private Instant firedAt;

    private String instanceId;

    private String reason;

    private Long fireCount;

    private Instant lastScheduledTime;

    private List<NotificationAttempt> notifications;

    private Integer attempt;

    private String retryOf;

    private String parentExecutionId;

    private String nextAttemptId;

    private Integer chainDepth;


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
        return scheduledTime;
    }

    public Execution scheduledTime(Instant scheduledTime) {
        this.scheduledTime = InstantAsDate.stored(scheduledTime);
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
        return startedAt;
    }

    public Execution startedAt(Instant startedAt) {
        this.startedAt = InstantAsDate.stored(startedAt);
        return this;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public Execution completedAt(Instant completedAt) {
        this.completedAt = InstantAsDate.stored(completedAt);
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
        return createdAt;
    }

    public Execution createdAt(Instant createdAt) {
        this.createdAt = InstantAsDate.stored(createdAt);
        return this;
    }

    /** When the timer delivered the fire (scheduled fires only). */
    public Instant firedAt() {
        return firedAt;
    }

    public Execution firedAt(Instant firedAt) {
        this.firedAt = InstantAsDate.stored(firedAt);
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
        return lastScheduledTime;
    }

    public Execution lastScheduledTime(Instant lastScheduledTime) {
        this.lastScheduledTime = InstantAsDate.stored(lastScheduledTime);
        return this;
    }

    /** Who was told that the execution ended, and how that went; null when no one was. */
    public List<NotificationAttempt> notifications() {
        return notifications;
    }

    public Execution notifications(List<NotificationAttempt> notifications) {
        this.notifications = notifications;
        return this;
    }

    /** Which attempt of its fire this execution is: 1 for the first run, n + 1 for the n-th retry; null for 1. */
    public Integer attempt() {
        return attempt;
    }

    public Execution attempt(Integer attempt) {
        this.attempt = attempt;
        return this;
    }

    /** The execution this one retries (the first attempt of the fire); null for a first attempt. */
    public String retryOf() {
        return retryOf;
    }

    public Execution retryOf(String retryOf) {
        this.retryOf = retryOf;
        return this;
    }

    /** The execution whose end started this one by a chain ({@code on_success}, {@code on_failure}); else null. */
    public String parentExecutionId() {
        return parentExecutionId;
    }

    public Execution parentExecutionId(String parentExecutionId) {
        this.parentExecutionId = parentExecutionId;
        return this;
    }

    /** The retry that follows this failed or timed-out attempt; null when none does (it was the last). */
    public String nextAttemptId() {
        return nextAttemptId;
    }

    public Execution nextAttemptId(String nextAttemptId) {
        this.nextAttemptId = nextAttemptId;
        return this;
    }

    /** How many chained runs lead to this one (1 for a run its parent's chain started); null for none. */
    public Integer chainDepth() {
        return chainDepth;
    }

    public Execution chainDepth(Integer chainDepth) {
        this.chainDepth = chainDepth;
        return this;
    }
}
