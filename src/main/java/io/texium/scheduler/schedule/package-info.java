/**
 * Pure {@code java.time} schedule engine: turns a job's APScheduler-3.x style cron fields (or a
 * crontab line) into validated next fire times that match APScheduler 3.11's {@code CronTrigger}
 * exactly, describes them in English and translates them into an EJB calendar plan.
 *
 * <p>Entry point: {@link io.texium.scheduler.schedule.CronSchedule#parse(ScheduleFields)}. This
 * package has no container dependencies.
 */
package io.texium.scheduler.schedule;
