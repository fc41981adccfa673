package io.texium.scheduler.jobs.control;

import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.schedule.CronSchedule;
import io.texium.scheduler.schedule.InvalidScheduleException;
import io.texium.scheduler.schedule.ScheduleSpec;
import java.time.Instant;
import java.util.List;

/** Reads a job's schedule as a {@link CronSchedule}, and checks one a client sent in the API's words. */
public final class JobSchedule {

    /** The refusal of a schedule that gives nothing to go by (APScheduler would fire every second). */
    public static final String NO_SCHEDULE = "a schedule is required: give cron or at least one of "
            + "second, minute, hour, day_of_week, day_of_month, week, month, year";

    private JobSchedule() {
    }

    /** A job given as a crontab line is read from that line; the fields it keeps beside it only show its meaning. */
    private static ScheduleSpec source(ScheduleSpec spec) {
        if (spec.cron() == null) {
            return spec;
        }
        return ScheduleSpec.ofCron(spec.cron(), spec.timezone()).withDates(spec.startDate(), spec.endDate());
    }

    /** A stored job's schedule; it always parses, since it was validated on its way in. */
    public static CronSchedule of(ScheduleSpec spec) {
        return CronSchedule.parse(source(spec));
    }

    /**
     * Checks a schedule as a client sent it, adding each problem in the API's words: none given, a field
     * that does not parse, and (when {@code fireAfter} is given and nothing else is wrong) no fire after it.
     *
     * @return the schedule, or null when it does not parse
     */
    public static CronSchedule check(ScheduleSpec spec, Instant fireAfter, List<FieldProblem> problems) {
        if (spec.cron() == null && !spec.hasFields()) {
            problems.add(new FieldProblem("cron", NO_SCHEDULE));
        }
        try {
            CronSchedule schedule = CronSchedule.parse(source(spec));
            if (fireAfter != null && problems.isEmpty()) {
                schedule.requireFutureFire(fireAfter);
            }
            return schedule;
        } catch (InvalidScheduleException e) {
            e.errors().forEach(f -> problems.add(new FieldProblem(f.field(), f.message())));
            return null;
        }
    }
}
