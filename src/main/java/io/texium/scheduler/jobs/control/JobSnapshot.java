package io.texium.scheduler.jobs.control;

import io.texium.scheduler.jobs.entity.Job;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fields of a job a client can change, by their API names: what an audit entry compares. */
final class JobSnapshot {

    private JobSnapshot() {
    }

    static Map<String, Object> of(Job job) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("user_id", job.userId());
        fields.put("job_class_string", job.jobClassString());
        fields.put("name", job.name());
        fields.put("description", job.description());
        fields.putAll(job.schedule().byName());
        fields.put("pub_args", job.pubArgs());
        fields.put("pub_kwargs", job.pubKwargs());
        fields.put("notify", job.notifySetting() == null ? null : job.notifySetting().toMap());
        fields.putAll(JobPolicyFields.snapshot(job));
        fields.put("is_enabled", job.enabled());
        fields.put("is_paused", job.paused());
        return fields;
    }
}
