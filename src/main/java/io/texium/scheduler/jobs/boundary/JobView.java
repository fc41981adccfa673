package io.texium.scheduler.jobs.boundary;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.jobs.entity.RunPolicy;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.schedule.CronSchedule;
import io.texium.scheduler.schedule.ScheduleSpec;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * A job as the API shows it. The API keeps the schedule's values flat beside the job's other fields, and JSON-B cannot
 * unwrap a nested value, so the view lists them under the names {@link ScheduleSpec} gives them (JobViewTest holds
 * the two together). {@code notify} shows each webhook URL with its path masked (it may hold a token). The run policy
 * fields show the values in effect, each default applied ({@code timeout_seconds} null: no timeout).
 */
public record JobView(String id, String jobId, String userId, String jobClassString, String name, String description,
                      String year, String month, String dayOfMonth, String week, String dayOfWeek, String hour,
                      String minute, String second, String cron, String timezone, String startDate, String endDate,
                      List<Object> pubArgs, Map<String, Object> pubKwargs,
                      @JsonbNillable @JsonbProperty("notify") Map<String, Object> notifySetting, int maxRetries,
                      long retryDelaySeconds, double retryBackoff, long retryMaxDelaySeconds,
                      @JsonbNillable Long timeoutSeconds, int maxInstances, long misfireGraceSeconds, boolean coalesce,
                      List<String> onSuccess, List<String> onFailure, boolean isEnabled, boolean isPaused,
                      Instant createdAt, Instant updatedAt, Instant lastRunTime, Instant nextRunTime,
                      long totalExecutions, List<FieldProblem> warnings) {

    /**
     * The arguments as shown (secret ones masked), and what the job's class would refuse in the job today: a job
     * saved before a rule existed keeps running and shows the rule here.
     */
    record Shown(List<Object> pubArgs, Map<String, Object> pubKwargs, List<FieldProblem> warnings) {
    }

    /**
     * The job with its next run: the live timer's next timeout, or, for a timer wider than the schedule
     * ({@code exact: false} in the timers list), the schedule engine's next fire time.
     */
    static JobView of(Job job, CronSchedule schedule, Map<String, Instant> liveTimeouts, Instant now,
                      Shown shown) {
        Instant next = null;
        if (job.enabled() && !job.paused()) {
            next = schedule.toCalendarPlan().exact() ? liveTimeouts.get(job.id())
                    : schedule.nextFireTime(now).map(ZonedDateTime::toInstant).orElse(null);
        }
        ScheduleSpec s = job.schedule();
        RunPolicy p = job.policy();
        return new JobView(job.id(), job.id(), job.userId(), job.jobClassString(), job.name(), job.description(),
                s.year(), s.month(), s.dayOfMonth(), s.week(), s.dayOfWeek(), s.hour(), s.minute(), s.second(),
                s.cron(), s.timezone(), s.startDate(), s.endDate(), shown.pubArgs(), shown.pubKwargs(),
                job.notifySetting() == null ? null : job.notifySetting().toMaskedMap(), p.maxRetries(),
                p.retryDelaySeconds(), p.retryBackoff(), p.retryMaxDelaySeconds(), p.timeoutSeconds(), p.maxInstances(),
                p.misfireGraceSeconds(), p.coalesce(), p.onSuccess(), p.onFailure(), job.enabled(),
                job.paused(), job.createdAt(), job.updatedAt(), job.lastRunTime(), next, job.totalExecutions(),
                shown.warnings());
    }
}
