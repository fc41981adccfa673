package io.texium.scheduler.executions.entity;

/**
 * Where an execution is in its life. A fire is recorded {@code scheduled} before anything can refuse it, then
 * {@code running}, and ends {@code succeeded} or {@code failed}; a fire that was due but could not run ends
 * {@code missed}, one that a rule kept from running {@code skipped}, both with a reason. A run past its job's
 * {@code timeout_seconds} ends {@code timeout}; one stopped by a user (or cancelled before it started)
 * {@code cancelled}.
 */
public enum ExecutionStatus {
    scheduled, running, succeeded, failed, missed, skipped, timeout, cancelled;

    /** Whether an execution in this state has ended: it changes no more. */
    public boolean ended() {
        return this != scheduled && this != running;
    }
}
