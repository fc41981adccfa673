package io.texium.scheduler.executions.entity;

/** Where an execution is in its life: {@code scheduled -> running -> succeeded | failed}. */
public enum ExecutionStatus {
    scheduled, running, succeeded, failed;

    public boolean finished() {
        return this == succeeded || this == failed;
    }
}
