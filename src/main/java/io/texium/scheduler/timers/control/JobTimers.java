package io.texium.scheduler.timers.control;

import io.texium.scheduler.executions.control.JobRunner;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.jobs.control.JobSchedule;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.schedule.CalendarPlan;
import io.texium.scheduler.schedule.CronSchedule;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.NoSuchObjectLocalException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps exactly one non-persistent calendar timer per active job, in step with MongoDB (the source of truth):
 * rebuilt at start-up and reconciled every minute. A timeout only hands the fire to {@link JobRunner};
 * it never throws, since Payara deletes a timer whose callback fails.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobTimers {

    private static final Logger LOG = Logger.getLogger(JobTimers.class.getName());
    static final String RECONCILE = "texium:reconcile";
    private static final long RECONCILE_MILLIS = 60_000;

    @Resource
    TimerService timerService;

    @Inject
    JobQueries queries;

    @Inject
    JobRunner runner;

    @Inject
    Clock clock;

    /** A live timer as the inspection endpoint shows it. */
    public record TimerInfo(String jobId, Map<String, Object> expression, Instant nextTimeout, boolean persistent) {
    }

    /** Differences between the live timers and the jobs that should have one. */
    public record Drift(List<String> missing, List<String> orphans, List<String> stale) {
        public boolean none() {
            return missing.isEmpty() && orphans.isEmpty() && stale.isEmpty();
        }
    }

    @PostConstruct
    void start() {
        try {
            long interrupted = runner.failInterrupted();
            if (interrupted > 0) {
                LOG.warning(() -> interrupted + " execution(s) left unfinished by the last stop were marked failed");
            }
            reconcile();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not rebuild the job timers at start-up; retrying every minute", e);
        }
        timerService.createIntervalTimer(RECONCILE_MILLIS, RECONCILE_MILLIS, new TimerConfig(RECONCILE, false));
    }

    /** Arms (or re-arms) the job's timer, or removes it when the job is not active or has no fire left. */
    public synchronized void apply(Job job, CronSchedule schedule) {
        cancel(job.id());
        runner.armed(job.id());
        if (shouldRun(job, schedule)) {
            timerService.createCalendarTimer(Expressions.of(schedule.toCalendarPlan()), new TimerConfig(job.id(), false));
        }
    }

    public synchronized void cancel(String jobId) {
        for (Timer timer : timerService.getAllTimers()) {
            if (jobId.equals(info(timer))) {
                cancelQuietly(timer);
            }
        }
    }

    /** The next timeout of each job's live timer. */
    public Map<String, Instant> nextTimeouts() {
        Map<String, Instant> result = new HashMap<>();
        for (Timer timer : timerService.getAllTimers()) {
            String id = info(timer);
            if (!RECONCILE.equals(id)) {
                nextTimeout(timer).ifPresent(next -> result.put(id, next));
            }
        }
        return result;
    }

    public List<TimerInfo> timers() {
        List<TimerInfo> result = new java.util.ArrayList<>();
        for (Timer timer : timerService.getAllTimers()) {
            String id = info(timer);
            if (id == null || RECONCILE.equals(id)) {
                continue;
            }
            try {
                result.add(new TimerInfo(id, Expressions.attributes(timer.getSchedule()),
                        nextTimeout(timer).orElse(null), timer.isPersistent()));
            } catch (NoSuchObjectLocalException goneMeanwhile) {
                // cancelled or expired while listing
            }
        }
        return result;
    }

    /** Whether the timer service answers at all (the liveness probe). */
    public boolean alive() {
        timerService.getAllTimers();
        return true;
    }

    /** Compares the live timers with the active jobs in MongoDB. */
    public Drift drift() {
        return drift(queries.active());
    }

    private Drift drift(List<Job> active) {
        Map<String, Timer> live = liveTimers();
        Instant now = clock.instant();
        List<String> missing = new java.util.ArrayList<>();
        List<String> stale = new java.util.ArrayList<>();
        java.util.Set<String> expected = new java.util.HashSet<>();
        for (Job job : active) {
            Optional<CalendarPlan> plan = plan(job, now);
            if (plan.isEmpty()) {
                continue;
            }
            expected.add(job.id());
            Timer timer = live.get(job.id());
            if (timer == null) {
                missing.add(job.id());
            } else if (!sameSchedule(timer, plan.get())) {
                stale.add(job.id());
            }
        }
        List<String> orphans = live.keySet().stream().filter(id -> !expected.contains(id)).sorted().toList();
        return new Drift(missing, orphans, stale);
    }

    /** Makes the live timers equal to the active jobs: arms the missing and stale, cancels the orphans. */
    public synchronized Drift reconcile() {
        List<Job> active = queries.active();
        Drift drift = drift(active);
        if (drift.none()) {
            return drift;
        }
        Map<String, Timer> live = liveTimers();
        drift.orphans().forEach(id -> cancelQuietly(live.get(id)));
        Instant now = clock.instant();
        for (Job job : active) {
            if (drift.missing().contains(job.id()) || drift.stale().contains(job.id())) {
                try {
                    apply(job, JobSchedule.of(job));
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "could not arm the timer of job " + job.id(), e);
                }
            }
        }
        LOG.info(() -> "timers reconciled at " + now + ": " + drift);
        return drift;
    }

    @Timeout
    void onTimeout(Timer timer) {
        try {
            Instant firedAt = clock.instant();
            String id = info(timer);
            if (RECONCILE.equals(id)) {
                reconcile();
            } else if (id != null) {
                runner.fire(id, firedAt, nextTimeout(timer).orElse(null));
            }
        } catch (Throwable e) {
            LOG.log(Level.SEVERE, "timer callback failed; the timer stays armed", e);
        }
    }

    private boolean shouldRun(Job job, CronSchedule schedule) {
        return job.enabled() && !job.paused() && schedule.nextFireTime(clock.instant()).isPresent();
    }

    private Optional<CalendarPlan> plan(Job job, Instant now) {
        try {
            CronSchedule schedule = JobSchedule.of(job);
            return schedule.nextFireTime(now).isPresent() ? Optional.of(schedule.toCalendarPlan()) : Optional.empty();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "job " + job.id() + " has a schedule that no longer parses", e);
            return Optional.empty();
        }
    }

    private Map<String, Timer> liveTimers() {
        Map<String, Timer> live = new HashMap<>();
        for (Timer timer : timerService.getAllTimers()) {
            String id = info(timer);
            if (id != null && !RECONCILE.equals(id)) {
                live.put(id, timer);
            }
        }
        return live;
    }

    private static String info(Timer timer) {
        try {
            return timer.getInfo() instanceof String s ? s : null;
        } catch (NoSuchObjectLocalException e) {
            return null;
        }
    }

    private static Optional<Instant> nextTimeout(Timer timer) {
        try {
            return Optional.of(timer.getNextTimeout().toInstant());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean sameSchedule(Timer timer, CalendarPlan plan) {
        try {
            return Expressions.same(timer.getSchedule(), Expressions.of(plan));
        } catch (NoSuchObjectLocalException goneMeanwhile) {
            return false;
        }
    }

    private static void cancelQuietly(Timer timer) {
        try {
            timer.cancel();
        } catch (NoSuchObjectLocalException e) {
            // already expired or cancelled
        }
    }
}
