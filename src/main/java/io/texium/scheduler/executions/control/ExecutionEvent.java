package io.texium.scheduler.executions.control;

import io.texium.scheduler.audit.control.Auditable;
import io.texium.scheduler.executions.entity.Execution;
import java.util.Map;

/**
 * Something done to an execution on request (today: a cancel), fired synchronously by {@link Cancels} before the
 * change is made, so that the audit log records it first; it shows in the execution's job's history too.
 */
public record ExecutionEvent(Execution execution, Map<String, Change> changes) implements Auditable {

    /** A cancel of the execution as read: its status then, and {@code cancelled}. */
    public static ExecutionEvent cancelled(Execution execution) {
        return new ExecutionEvent(execution, Map.of("status", new Change(execution.status().name(), "cancelled")));
    }

    @Override
    public String event() {
        return "execution_cancelled";
    }

    @Override
    public String targetType() {
        return "execution";
    }

    @Override
    public String targetId() {
        return execution.id();
    }

    @Override
    public String targetName() {
        return execution.jobName();
    }

    @Override
    public String ownerId() {
        return execution.userId();
    }

    @Override
    public String jobId() {
        return execution.jobId();
    }
}
