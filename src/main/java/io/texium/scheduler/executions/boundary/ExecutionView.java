package io.texium.scheduler.executions.boundary;

import io.texium.scheduler.executions.control.Outputs;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.NotificationAttempt;
import java.time.Instant;
import java.util.List;

/**
 * An execution as the API shows it. {@code fired_at} is when the timer delivered the fire, {@code created_at} when
 * it was recorded (claimed); a {@code missed} entry stands for {@code fire_count} fires from {@code scheduled_time}
 * to {@code last_scheduled_time}, and says why in {@code reason}; {@code notifications} lists who was told that it
 * ended.
 */
public record ExecutionView(String id, String executionId, String jobId, String userId, String jobName,
                            String jobClassString, String status, String trigger, Instant scheduledTime,
                            String output, String error, String hostname, Instant startedAt, Instant completedAt,
                            Long durationMs, Instant createdAt, Instant firedAt, String instanceId, String reason,
                            Long fireCount, Instant lastScheduledTime,
                            List<NotificationAttempt> notifications, Integer attempt, String retryOf,
                            String parentExecutionId, String nextAttemptId, List<Child> children) {

    /** A run that this execution's chain started, as its detail lists it. */
    public record Child(String executionId, String jobId, String jobName, String status) {
    }

    /** The view with the runs its chain started (the detail shows them; lists do not look them up). */
    public ExecutionView withChildren(List<Execution> started) {
        return new ExecutionView(id, executionId, jobId, userId, jobName, jobClassString, status, trigger, scheduledTime,
                output, error, hostname, startedAt, completedAt, durationMs, createdAt, firedAt, instanceId, reason,
                fireCount, lastScheduledTime, notifications, attempt, retryOf, parentExecutionId, nextAttemptId,
                started.stream().map(x -> new Child(x.id(), x.jobId(), x.jobName(), x.status().name())).toList());
    }

    /** @param trace whether the error keeps its stack trace: for admins; an owner sees the type and message only */
    public static ExecutionView of(Execution e, boolean trace) {
        return new ExecutionView(e.id(), e.id(), e.jobId(), e.userId(), e.jobName(), e.jobClassString(),
                e.status() == null ? null : e.status().name(), e.trigger(), e.scheduledTime(), e.output(),
                trace ? e.error() : Outputs.withoutTrace(e.error()),
                e.hostname(), e.startedAt(), e.completedAt(), e.durationMs(), e.createdAt(), e.firedAt(),
                e.instanceId(), e.reason(), e.fireCount(), e.lastScheduledTime(), e.notifications(),
                e.attempt(), e.retryOf(), e.parentExecutionId(), e.nextAttemptId(), null);
    }
}
