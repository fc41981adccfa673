package io.texium.scheduler.timers.control;

import io.texium.scheduler.cluster.control.Changed;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.cluster.control.MembersChanged;
import io.texium.scheduler.cluster.control.Owners;
import io.texium.scheduler.executions.control.Pipeline;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.jobs.control.JobSchedules;
import io.texium.scheduler.jobs.control.JobTimer;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.StoreAvailable;
import io.texium.scheduler.schedule.CalendarPlan;
import io.texium.scheduler.schedule.CronSchedule;
import io.texium.scheduler.users.control.InactiveUsers;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.NoSuchObjectLocalException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps exactly one non-persistent calendar timer per active job (enabled, unpaused, its owner active) that this
 * instance owns ({@link Owners}: every job while the instances are no more than {@code texium.instance.owners}),
 * in step with MongoDB (the source of truth): armed when the store first answers, re-armed when a job changes here
 * or on another instance (the change feed), spread again when the owners change, and reconciled every minute by
 * job version. An active job owned elsewhere has an entry without a timer. The entries are indexed by job id, so
 * nothing walks every timer on a request. A timeout only hands the fire to the {@link Pipeline}; it never throws,
 * since Payara deletes a timer whose callback fails, and does no I/O.
 */
@Singleton
@Startup
@LocalBean
@Local(JobTimer.class)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobTimers implements JobTimer {

    private static final Logger LOG = Logger.getLogger(JobTimers.class.getName());
    static final String RECONCILE = "texium:reconcile";
    static final String REBALANCE = "texium:rebalance";
    private static final long RECONCILE_MILLIS = 60_000;
    /** The observer priority of the first arming: after the registry and the take-over. */
    static final int PRIORITY = 300;

    @Resource
    TimerService timerService;

    @Inject
    JobQueries queries;

    @Inject
    JobSchedules schedules;

    @Inject
    Pipeline pipeline;

    @Inject
    InactiveUsers inactiveUsers;

    @Inject
    Instances instances;

    @Inject
    Clock clock;

    /**
     * A job's armed timer (null when its schedule has no fire left, or when the job is owned {@code elsewhere}:
     * then its schedule, for the next run), for the job version it was armed from.
     */
    record Armed(Timer timer, long version, Map<String, Object> expression, boolean exact, Instant armedAt,
                 CronSchedule elsewhere) {
        Armed(Timer timer, long version, Map<String, Object> expression, boolean exact, Instant armedAt) {
            this(timer, version, expression, exact, armedAt, null);
        }

        boolean here() {
            return elsewhere == null;
        }
    }

    /** A live timer as the inspection endpoint shows it. */
    public record TimerInfo(String jobId, Map<String, Object> expression, Instant nextTimeout, boolean persistent,
                            boolean exact, Instant armedAt) {
    }

    /** Differences between the live timers and the jobs that should have one. */
    public record Drift(List<String> missing, List<String> orphans, List<String> stale) {
        public boolean none() {
            return missing.isEmpty() && orphans.isEmpty() && stale.isEmpty();
        }

        /**
         * The drift of the armed entries from the active jobs' versions, each list in id order: an active job without
         * an entry is missing, an entry of a job that is not active is an orphan, an entry armed from another version
         * is stale. An entry without a timer (no fire left) counts as armed.
         */
        static Drift between(Map<String, Long> active, Map<String, Armed> armed) {
            List<String> missing = new ArrayList<>();
            List<String> stale = new ArrayList<>();
            active.forEach((id, version) -> {
                Armed a = armed.get(id);
                if (a == null) {
                    missing.add(id);
                } else if (a.version() != version) {
                    stale.add(id);
                }
            });
            List<String> orphans = armed.keySet().stream().filter(id -> !active.containsKey(id)).sorted().toList();
            missing.sort(Comparator.naturalOrder());
            stale.sort(Comparator.naturalOrder());
            return new Drift(missing, orphans, stale);
        }
    }

    /** By job id, in id order, so that a page of timers needs no sort of all of them. */
    private final ArmedIndex armed = new ArmedIndex();
    private Timer reconcileTimer;
    /** Set by the first arming, which follows the schema upgrade: the minute's reconcile arms nothing before it. */
    private volatile boolean storeReady;
    /** Counts the timers created and cancelled here: the published snapshot is written again when it moves. */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    @PostConstruct
    void start() {
        reconcileTimer = timerService.createIntervalTimer(RECONCILE_MILLIS, RECONCILE_MILLIS,
                new TimerConfig(RECONCILE, false));
    }

    /** Arms every active job's timer when the store first answers, and looks again after each outage. */
    public void onStore(@Observes @Priority(PRIORITY) StoreAvailable available) {
        storeReady = true;
        try {
            reconcile();
            if (available.firstTime()) {
                pipeline.rebuilt();
            }
            instances.timersArmed();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not arm the job timers; retrying every minute", e);
        }
    }

    /**
     * A job changed on another instance: arm, re-arm or remove its timer from the job as stored now. A restore
     * reconciles every timer now (a request to reconcile or re-arm is {@link TimerActions}').
     */
    public void onChange(@Observes Changed change) {
        if (change.restored()) {
            if (storeReady) {
                reconcile();
            }
            return;
        }
        if ("job".equals(change.kind())) {
            rearm(change.id());
        }
    }

    /** Cancels the job's timer and arms it again from the job as stored now (none when the job is gone or inactive). */
    public void rearm(String jobId) {
        if (jobId == null) {
            return;
        }
        Job job = queries.byIds(List.of(jobId)).get(jobId);
        if (job == null) {
            cancel(jobId);
        } else {
            apply(job, schedules.of(job));
        }
    }

    /** Whether the timers were armed once (the store answered): before that, a reconcile would arm nothing. */
    public boolean ready() {
        return storeReady;
    }

    /** Other instances joined or left: the timers are spread again, soon, on a timer thread (not the heartbeat's). */
    public void onMembers(@Observes MembersChanged members) {
        if (storeReady) {
            timerService.createSingleActionTimer(1, new TimerConfig(REBALANCE, false));
        }
    }

    /**
     * Arms here the jobs this instance now owns, then cancels those it no longer owns (their other owners hold them:
     * an instance counts as an owner only once it armed its timers). Each job is re-read from the store.
     */
    public synchronized void rebalance() {
        Owners owners = instances.owners();
        String self = instances.id();
        List<String> gained = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        armed.entries().forEach((id, a) -> {
            if (a.timer() == null && a.here()) {
                return; // no fire left
            }
            boolean own = owners.everyone() || owners.of(id).contains(self);
            if (own && !a.here()) {
                gained.add(id);
            } else if (!own && a.here()) {
                lost.add(id);
            }
        });
        reapply(gained);
        reapply(lost);
        if (!gained.isEmpty() || !lost.isEmpty()) {
            LOG.info(() -> "timers spread over " + owners.members().size() + " instance(s): " + gained.size()
                    + " armed here, " + lost.size() + " left to their other owners");
        }
    }

    /** Arms (or not) each of these jobs from the store again, a thousand at a time. */
    private void reapply(List<String> ids) {
        for (int i = 0; i < ids.size(); i += 1000) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 1000));
            Map<String, Job> stored = queries.byIds(chunk);
            for (String id : chunk) {
                Job job = stored.get(id);
                try {
                    if (job == null) {
                        cancel(id);
                    } else {
                        apply(job, schedules.of(job));
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "could not arm the timer of job " + id, e);
                }
            }
        }
    }

    /** Whether this instance arms the job: always while there are no more instances than owners (no hashing). */
    private boolean owned(String jobId) {
        Owners owners = instances.owners();
        return owners.everyone() || owners.of(jobId).contains(instances.id());
    }

    @Override
    public synchronized void apply(Job job, CronSchedule schedule) {
        Instant pending = pendingTimeout(job.id());
        cancel(job.id());
        schedules.put(job, schedule);
        if (!job.enabled() || job.paused() || inactiveUsers.contains(job.userId())) {
            return; // an inactive user's jobs keep their flags and get no timer until the user is active again
        }
        Instant now = clock.instant();
        if (schedule.nextFireTime(now).isEmpty()) {
            armed.put(job.id(), new Armed(null, job.version(), Map.of(), true, now));
            return;
        }
        CalendarPlan plan = schedule.toCalendarPlan();
        var expression = Expressions.of(plan);
        if (!owned(job.id())) {
            armed.put(job.id(), new Armed(null, job.version(), Map.of(), plan.exact(), now, schedule));
            return;
        }
        Timer timer = timerService.createCalendarTimer(expression, new TimerConfig(job.id(), false));
        armed.put(job.id(), new Armed(timer, job.version(), Expressions.attributes(expression), plan.exact(), now));
        changes.incrementAndGet();
        pipeline.armed(job, coveredFrom(now, pending));
    }

    /**
     * Where the new timer's fires take over from the timer it replaces: now, or, when the old timer had a timeout
     * due already that it may not have delivered yet (a re-arm in the very moment of a due second), just before that
     * timeout: cancelling the old timer drops it, and the new timer's first fire catches its due second up (a
     * claim never takes a due second twice). Without this, a job changed, or re-armed through the change feed, right
     * at one of its due seconds lost that fire.
     */
    static Instant coveredFrom(Instant now, Instant pending) {
        return pending != null && !pending.isAfter(now) ? pending.minusNanos(1) : now;
    }

    /** The next timeout of the job's timer held here, or null. */
    private Instant pendingTimeout(String jobId) {
        Armed previous = armed.get(jobId);
        return previous == null || previous.timer() == null ? null : nextTimeout(previous.timer()).orElse(null);
    }

    @Override
    public synchronized void cancel(String jobId) {
        Armed previous = armed.remove(jobId);
        if (previous != null && previous.timer() != null) {
            cancelQuietly(previous.timer());
            changes.incrementAndGet();
        }
    }

    @Override
    public Map<String, Instant> nextTimeouts(Collection<String> jobIds) {
        Map<String, Instant> result = new HashMap<>();
        for (String id : jobIds) {
            Armed a = armed.get(id);
            if (a != null && a.timer() != null) {
                nextTimeout(a.timer()).ifPresent(next -> result.put(id, next));
            } else if (a != null && !a.here()) {
                // held by other instances: its next run as the schedule has it
                a.elsewhere().nextFireTime(clock.instant()).ifPresent(next -> result.put(id, next.toInstant()));
            }
        }
        return result;
    }

    /** How many job timers are armed. */
    public int count() {
        return armed.heldCount();
    }

    /** How often the timers held here changed (armed or cancelled) since the start. */
    public long changes() {
        return changes.get();
    }

    /** The ids of the jobs whose timer is held here, in id order. */
    public List<String> heldHere() {
        return armed.heldIds();
    }

    /** A page of the live job timers, by job id (or the one of {@code jobId}). */
    public List<TimerInfo> timers(String jobId, int skip, int limit) {
        List<TimerInfo> result = new ArrayList<>();
        var ids = jobId != null ? List.of(jobId) : armed.heldIds(skip, limit);
        for (String id : ids) {
            Armed a = armed.get(id);
            if (a == null || a.timer() == null) {
                continue;
            }
            try {
                result.add(new TimerInfo(id, a.expression(), nextTimeout(a.timer()).orElse(null),
                        a.timer().isPersistent(), a.exact(), a.armedAt()));
            } catch (NoSuchObjectLocalException goneMeanwhile) {
                // cancelled while listing
            }
        }
        return result;
    }

    /**
     * The timer another instance holds for the job, as far as this one can tell: its expression from the job's
     * schedule, its next timeout from the schedule engine; when it was armed is not known here.
     */
    public TimerInfo described(Job job) {
        CronSchedule schedule = schedules.of(job);
        CalendarPlan plan = schedule.toCalendarPlan();
        Instant next = schedule.nextFireTime(clock.instant()).map(t -> t.toInstant()).orElse(null);
        return new TimerInfo(job.id(), Expressions.attributes(Expressions.of(plan)), next, false, plan.exact(), null);
    }

    /** Whether the timer service answers at all (the liveness probe): one look-up, never a walk over all timers. */
    public boolean alive() {
        reconcileTimer.getNextTimeout();
        return true;
    }

    /** Compares the armed timers with the active jobs in MongoDB (one projection query). */
    public Drift drift() {
        return Drift.between(queries.activeVersions(), armed.entries());
    }

    /** Makes the armed timers equal to the active jobs: arms the missing and stale, cancels the orphans. */
    public synchronized Drift reconcile() {
        Drift drift = Drift.between(queries.activeVersions(), armed.entries());
        drift.orphans().forEach(this::cancel);
        cancelUnindexed();
        List<String> toArm = new ArrayList<>(drift.missing());
        toArm.addAll(drift.stale());
        for (int i = 0; i < toArm.size(); i += 1000) {
            for (Job job : queries.byIds(toArm.subList(i, Math.min(toArm.size(), i + 1000))).values()) {
                try {
                    apply(job, schedules.of(job));
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "could not arm the timer of job " + job.id(), e);
                }
            }
        }
        if (!drift.none()) {
            LOG.info(() -> "timers reconciled: " + drift.missing().size() + " armed, " + drift.stale().size()
                    + " re-armed, " + drift.orphans().size() + " cancelled");
        }
        rebalance();
        return drift;
    }

    /** Cancels job timers the index does not know (left by a failure between creating and indexing one). */
    private void cancelUnindexed() {
        Set<Timer> known = new HashSet<>();
        armed.entries().values().forEach(a -> {
            if (a.timer() != null) {
                known.add(a.timer());
            }
        });
        for (Timer timer : timerService.getTimers()) {
            String id = info(timer);
            if (id != null && !id.startsWith("texium:") && !known.contains(timer)) {
                cancelQuietly(timer);
            }
        }
    }

    @Timeout
    void onTimeout(Timer timer) {
        try {
            Instant firedAt = clock.instant();
            String id = info(timer);
            if (RECONCILE.equals(id)) {
                if (storeReady) {
                    reconcile();
                }
            } else if (REBALANCE.equals(id)) {
                rebalance();
            } else if (id != null) {
                pipeline.fired(id, firedAt, nextTimeout(timer).orElse(null));
            }
        } catch (Throwable e) {
            LOG.log(Level.SEVERE, "timer callback failed; the timer stays armed", e);
        }
    }

    private static String info(Timer timer) {
        try {
            return timer.getInfo() instanceof String s ? s : null;
        } catch (NoSuchObjectLocalException e) {
            return null;
        }
    }

    private static java.util.Optional<Instant> nextTimeout(Timer timer) {
        try {
            return java.util.Optional.of(timer.getNextTimeout().toInstant());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
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
