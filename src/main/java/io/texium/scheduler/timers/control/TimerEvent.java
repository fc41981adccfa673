package io.texium.scheduler.timers.control;

import io.texium.scheduler.audit.control.Auditable;
import io.texium.scheduler.jobs.entity.Job;
import java.util.Map;

/**
 * A timer action for the audit log: a job's timer re-armed (the job's entry, its owner sees it) or the timers of an
 * instance (or {@code all}) reconciled (no owner: administrators see it). {@code instance} says where it was asked.
 */
public record TimerEvent(String event, String targetType, String targetId, String targetName, String ownerId,
                         String instance) implements Auditable {

    public static TimerEvent rearmed(Job job, String instance) {
        return new TimerEvent("timer_rearmed", "job", job.id(), job.name(), job.userId(), instance);
    }

    public static TimerEvent reconciled(String instance) {
        return new TimerEvent("timers_reconciled", "instance", instance, instance, null, instance);
    }

    @Override
    public Map<String, Change> changes() {
        return Map.of("instance", new Change(null, instance));
    }
}
