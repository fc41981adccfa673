package io.texium.scheduler.jobs.control;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.schedule.CronSchedule;
import io.texium.scheduler.schedule.InvalidScheduleException;
import io.texium.scheduler.schedule.ScheduleSpec;
import java.time.Instant;
import java.util.List;

/** Reads a stored job's schedule fields as a {@link CronSchedule}. */
public final class JobSchedule {

    /** The refusal of a schedule that gives nothing to go by (APScheduler would fire every second). */
    public static final String NO_SCHEDULE = "a schedule is required: give cron or at least one of "
            + "second, minute, hour, day_of_week, day_of_month, week, month, year";

    private JobSchedule() {
    }

    /** A job given as a crontab line is read from that line; its stored field values only show its meaning. */
    public static ScheduleSpec fieldsOf(Job job) {
        if (job.cron() != null) {
            return new ScheduleSpec(null, null, null, null, null, null, null, null,
                    job.timezone(), job.startDate(), job.endDate(), job.cron());
        }
        return new ScheduleSpec(job.year(), job.month(), job.dayOfMonth(), job.week(), job.dayOfWeek(),
                job.hour(), job.minute(), job.second(), job.timezone(), job.startDate(), job.endDate(), job.cron());
    }

    /** The job's schedule; a stored job always parses, since it was validated on its way in. */
    public static CronSchedule of(Job job) {
        return CronSchedule.parse(fieldsOf(job));
    }

    /**
     * Checks a job's schedule as a client sent it, adding each problem in the API's words: none given, a field
     * that does not parse, and (when {@code fireAfter} is given and nothing else is wrong) no fire after it.
     *
     * @return the schedule, or null when it does not parse
     */
    public static CronSchedule check(Job job, Instant fireAfter, List<FieldProblem> problems) {
        if (job.cron() == null && noFields(job)) {
            problems.add(new FieldProblem("cron", NO_SCHEDULE));
        }
        try {
            CronSchedule schedule = CronSchedule.parse(fieldsOf(job));
            if (fireAfter != null && problems.isEmpty()) {
                schedule.requireFutureFire(fireAfter);
            }
            return schedule;
        } catch (InvalidScheduleException e) {
            e.errors().forEach(f -> problems.add(new FieldProblem(f.field(), f.message())));
            return null;
        }
    }

    /** Whether none of the cron fields is set. */
    public static boolean noFields(Job job) {
        return java.util.stream.Stream.of(job.second(), job.minute(), job.hour(), job.dayOfWeek(), job.dayOfMonth(),
                job.week(), job.month(), job.year()).allMatch(java.util.Objects::isNull);
    }

    /** Stores, for reading, the fields a crontab line stands for. */
    static void showFields(Job job, CronSchedule schedule) {
        var fields = schedule.fields();
        job.second(fields.get("second")).minute(fields.get("minute")).hour(fields.get("hour"))
                .dayOfWeek(fields.get("day_of_week")).dayOfMonth(fields.get("day")).week(fields.get("week"))
                .month(fields.get("month")).year(fields.get("year"));
    }
}
