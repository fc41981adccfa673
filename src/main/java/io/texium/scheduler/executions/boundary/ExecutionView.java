package io.texium.scheduler.executions.boundary;

import io.texium.scheduler.executions.entity.Execution;
import java.time.Instant;

/** An execution as the API shows it. */
public record ExecutionView(String id, String executionId, String jobId, String userId, String jobName,
                            String jobClassString, String status, String trigger, Instant scheduledTime,
                            String output, String error, String hostname, Instant startedAt, Instant completedAt,
                            Long durationMs, Instant createdAt) {

    static ExecutionView of(Execution e) {
        return new ExecutionView(e.id(), e.id(), e.jobId(), e.userId(), e.jobName(), e.jobClassString(),
                e.status() == null ? null : e.status().name(), e.trigger(), e.scheduledTime(), e.output(), e.error(),
                e.hostname(), e.startedAt(), e.completedAt(), e.durationMs(), e.createdAt());
    }
}
