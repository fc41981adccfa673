package io.texium.scheduler.jobs.control;

import io.texium.scheduler.jobs.entity.ActiveRun;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.jobs.entity.Notify;
import io.texium.scheduler.jobs.entity.RecentFire;
import io.texium.scheduler.schedule.ScheduleSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Reads a stored job straight from its document, for the hot paths that read many jobs at once (a claim of
 * thousands of fires, a reconcile): an order of magnitude cheaper than the entity mapper, same field names.
 */
final class JobDocuments {

    /** The collection of jobs; the jobs feature is its only writer. */
    static final String COLLECTION = "scheduler_jobs";
    /** The runs of a job claimed and not yet ended: {@code [{id, instance}]}, kept by {@link JobRunCounts}. */
    static final String ACTIVE_RUNS = "active_runs";
    /** The last fires of the schedule that ran and ended: {@code [{id, scheduled_time, started_at, status}]}, oldest first. */
    static final String RECENT_FIRES = "recent_fires";

    private JobDocuments() {
    }

    static Job job(Document d) {
        Object id = d.get("_id");
        return new Job().id(id instanceof ObjectId o ? o.toHexString() : String.valueOf(id))
                .userId(d.getString("user_id")).jobClassString(d.getString("job_class_string"))
                .name(d.getString("name")).description(d.getString("description"))
                .schedule(ScheduleSpec.of(name -> text(d, name)))
                .pubArgs(list(d.get("pub_args"))).pubKwargs(map(d.get("pub_kwargs")))
                .notifySetting(Notify.of(d.get("notify")))
                .maxRetries(integer(d, "max_retries")).retryDelaySeconds(longOrNull(d, "retry_delay_seconds"))
                .retryBackoff(d.get("retry_backoff") instanceof Number n ? n.doubleValue() : null)
                .retryMaxDelaySeconds(longOrNull(d, "retry_max_delay_seconds"))
                .timeoutSeconds(longOrNull(d, "timeout_seconds")).maxInstances(integer(d, "max_instances"))
                .misfireGraceSeconds(longOrNull(d, "misfire_grace_seconds")).coalesce(d.getBoolean("coalesce"))
                .onSuccess(strings(d.get("on_success"))).onFailure(strings(d.get("on_failure")))
                .activeRuns(activeRuns(d.get(ACTIVE_RUNS))).recentFires(recentFires(d.get(RECENT_FIRES)))
                .enabled(Boolean.TRUE.equals(d.getBoolean("is_enabled"))).paused(Boolean.TRUE.equals(d.getBoolean("is_paused")))
                .createdAt(instant(d, "created_at")).updatedAt(instant(d, "updated_at"))
                .lastRunTime(instant(d, "last_run_time")).nextRunTime(instant(d, "next_run_time"))
                .totalExecutions(number(d, "total_executions")).version(number(d, "version"));
    }

    /** A copy to change, leaving the job as read for comparing and undoing. */
    static Job copy(Job j) {
        return new Job().id(j.id()).userId(j.userId()).jobClassString(j.jobClassString()).name(j.name())
                .description(j.description()).schedule(j.schedule()).pubArgs(j.pubArgs()).pubKwargs(j.pubKwargs())
                .notifySetting(j.notifySetting()).policyFields(j).enabled(j.enabled()).paused(j.paused()).createdAt(j.createdAt()).updatedAt(j.updatedAt())
                .lastRunTime(j.lastRunTime()).nextRunTime(j.nextRunTime()).totalExecutions(j.totalExecutions())
                .version(j.version());
    }

    private static String text(Document d, String key) {
        Object value = d.get(key);
        return value == null ? null : value.toString();
    }

    private static long number(Document d, String key) {
        return d.get(key) instanceof Number n ? n.longValue() : 0L;
    }

    private static List<ActiveRun> activeRuns(Object value) {
        if (!(value instanceof List<?> items)) {
            return List.of();
        }
        List<ActiveRun> runs = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Document run) {
                runs.add(new ActiveRun(run.getString("id"), run.getString("instance")));
            }
        }
        return runs;
    }

    private static List<RecentFire> recentFires(Object value) {
        if (!(value instanceof List<?> items)) {
            return List.of();
        }
        List<RecentFire> fires = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Document fire) {
                fires.add(new RecentFire(fire.getString("id"), instant(fire, "scheduled_time"), instant(fire, "started_at"),
                        fire.getString("status")));
            }
        }
        return fires;
    }

    private static Long longOrNull(Document d, String key) {
        return d.get(key) instanceof Number n ? n.longValue() : null;
    }

    private static Integer integer(Document d, String key) {
        return d.get(key) instanceof Number n ? n.intValue() : null;
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> items)) {
            return null;
        }
        return items.stream().map(String::valueOf).toList();
    }

    private static Instant instant(Document d, String key) {
        return d.get(key) instanceof Date date ? date.toInstant() : null;
    }

    private static List<Object> list(Object value) {
        if (!(value instanceof List<?> items)) {
            return List.of();
        }
        List<Object> result = new ArrayList<>();
        items.forEach(item -> result.add(plain(item)));
        return result;
    }

    private static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?> entries)) {
            return Map.of();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        entries.forEach((k, v) -> result.put(String.valueOf(k), plain(v)));
        return result;
    }

    private static Object plain(Object value) {
        if (value instanceof Map<?, ?>) {
            return map(value);
        }
        if (value instanceof List<?>) {
            return list(value);
        }
        return value;
    }
}
