package io.texium.scheduler.jobs.control;

import io.texium.scheduler.audit.control.Auditable;
import io.texium.scheduler.jobs.entity.Job;
import java.util.Map;

/**
 * Something done to a job, fired synchronously by {@link Jobs} (and by run-now) before the change is written, so
 * that observers such as the audit log see it first.
 */
public record JobEvent(Kind kind, Job job, Map<String, Change> changes) implements Auditable {

    /** What happened, with the audit log's name for it (the old service's names). */
    public enum Kind {
        ADDED("added"), MODIFIED("modified"), PAUSED("paused"), RESUMED("resumed"), DELETED("deleted"),
        RUN_NOW("custom_run");

        final String event;

        Kind(String event) {
            this.event = event;
        }
    }

    public static JobEvent of(Kind kind, Job job) {
        return new JobEvent(kind, job, Map.of());
    }

    @Override
    public String event() {
        return kind.event;
    }

    @Override
    public String targetType() {
        return "job";
    }

    @Override
    public String targetId() {
        return job.id();
    }

    @Override
    public String targetName() {
        return job.name();
    }

    @Override
    public String ownerId() {
        return job.userId();
    }
}
