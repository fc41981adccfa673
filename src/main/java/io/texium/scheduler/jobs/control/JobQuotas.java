package io.texium.scheduler.jobs.control;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.problems.ConflictException;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.schedule.CronSchedule;
import io.texium.scheduler.schedule.ScheduleSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What one user may ask of the scheduler: at most {@code texium.quota.max-jobs-per-user} jobs, and, when
 * {@code texium.quota.min-interval-seconds} is set, no schedule that fires more often. Admins are exempt unless
 * {@code texium.quota.admins-exempt} is false: an admin acting for a user is trusted to mean it.
 */
@ApplicationScoped
public class JobQuotas {

    /** How many fires ahead a schedule is searched for its shortest gap. */
    static final int FIRES_SEARCHED = 1000;

    @Inject
    @ConfigProperty(name = "texium.quota.max-jobs-per-user", defaultValue = "1000")
    int maxJobsPerUser;

    @Inject
    @ConfigProperty(name = "texium.quota.min-interval-seconds", defaultValue = "0")
    long minIntervalSeconds;

    @Inject
    @ConfigProperty(name = "texium.quota.admins-exempt", defaultValue = "true")
    boolean adminsExempt;

    @Inject
    JobQueries queries;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    /** 409 when the owner already has as many jobs as the quota allows (for a new job, or a job given to another owner). */
    void requireRoomFor(String ownerId) {
        if (exempt()) {
            return;
        }
        long owned = queries.count(ownerId, null, null);
        if (owned >= maxJobsPerUser) {
            throw new ConflictException("the owner has " + owned + " jobs, the most one user may have (texium.quota.max-jobs-per-user = "
                    + maxJobsPerUser + "); delete a job first");
        }
    }

    /** A problem on the schedule when it fires more often than the minimum interval allows. */
    void checkInterval(ScheduleSpec spec, CronSchedule schedule, List<FieldProblem> problems) {
        if (minIntervalSeconds <= 0 || exempt()) {
            return;
        }
        Duration shortest = shortestGap(schedule);
        if (shortest != null && shortest.getSeconds() < minIntervalSeconds) {
            problems.add(new FieldProblem(spec.cron() != null ? "cron" : "second", "fires " + shortest.getSeconds()
                    + " s apart at times; the minimum interval between fires is " + minIntervalSeconds
                    + " s (texium.quota.min-interval-seconds)"));
        }
    }

    /** The shortest time between two fires among the next {@value #FIRES_SEARCHED}, stopping at the first too short. */
    Duration shortestGap(CronSchedule schedule) {
        Duration shortest = null;
        ZonedDateTime previous = schedule.nextFireTime(clock.instant()).orElse(null);
        for (int i = 1; i < FIRES_SEARCHED && previous != null; i++) {
            ZonedDateTime fire = schedule.nextFireTime(previous.toInstant()).orElse(null);
            if (fire == null) {
                break;
            }
            Duration gap = Duration.between(previous, fire);
            if (shortest == null || gap.compareTo(shortest) < 0) {
                shortest = gap;
            }
            if (shortest.getSeconds() < minIntervalSeconds) {
                break;
            }
            previous = fire;
        }
        return shortest;
    }

    private boolean exempt() {
        return adminsExempt && caller.admin();
    }
}
