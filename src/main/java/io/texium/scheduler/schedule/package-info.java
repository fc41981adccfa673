/**
 * Pure {@code java.time} schedule engine: turns a job's APScheduler-3.x style cron fields (or a
 * crontab line) into validated next fire times that match APScheduler 3.9.1/3.10's {@code CronTrigger}
 * with pytz time zones (the original Python service's semantics, see
 * {@link io.texium.scheduler.schedule.CronSchedule}), describes them in English and translates them
 * into an EJB calendar plan.
 *
 * <p>Entry point: {@link io.texium.scheduler.schedule.CronSchedule#parse(ScheduleSpec)}, which reads
 * {@link io.texium.scheduler.schedule.ScheduleSpec}, the schedule as the one value that request, job, view and
 * preview pass along. This package has no container dependencies.
 */
package io.texium.scheduler.schedule;
