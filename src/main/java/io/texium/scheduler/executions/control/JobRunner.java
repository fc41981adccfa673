package io.texium.scheduler.executions.control;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.jobs.control.JobCatalog;
import io.texium.scheduler.jobs.control.JobRepository;
import io.texium.scheduler.jobs.control.JobSchedule;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.jobs.spi.JobContext;
import io.texium.scheduler.platform.DuplicateKeys;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.schedule.CronSchedule;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.types.ObjectId;

/**
 * Runs jobs off the timer thread, on the managed executor, and records each run as an execution:
 * {@code scheduled -> running -> succeeded | failed}. A scheduled fire is first claimed in MongoDB
 * under an id derived from job and due time, so each fire runs once however many instances fire it.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class.getName());
    /** How late a timer may fire and still be matched to its due time. */
    static final Duration LATENESS = Duration.ofSeconds(60);
    /** How early a timer may fire (clock granularity) and still be matched to its due time, when nothing better is known. */
    static final Duration EARLINESS = Duration.ofMillis(50);

    static final String HOSTNAME = hostname();
    /** How many skipped fires one timeout may catch up. */
    static final int MAX_CATCH_UP = 10;

    /** Per job, the latest due time this instance has dispatched, or the moment its timer was armed. */
    private final java.util.concurrent.ConcurrentMap<String, Instant> lastDue = new java.util.concurrent.ConcurrentHashMap<>();

    @Resource
    ManagedExecutorService executor;

    @Inject
    JobRepository jobs;

    @Inject
    ExecutionRepository executions;

    @Inject
    JobCatalog catalog;

    @Inject
    MongoStore store;

    @Inject
    Clock clock;

    /**
     * Called on the timer thread: hands the fire to the executor and returns at once.
     *
     * @param nextTimeout the timer's next expiry, if any: the fire's due time lies before it
     */
    public void fire(String jobId, Instant firedAt, Instant nextTimeout) {
        executor.execute(() -> {
            try {
                runScheduled(jobId, firedAt, nextTimeout);
            } catch (Throwable e) {
                LOG.log(Level.SEVERE, "scheduled run of job " + jobId + " failed outside the job", e);
            }
        });
    }

    /** Records a manual run of the job as {@code scheduled} and starts it; returns the execution. */
    public Execution runNow(Job job) {
        Execution execution = newExecution(job, new ObjectId().toHexString(), "manual", clock.instant());
        executions.insert(execution);
        try {
            executor.execute(() -> run(job, execution));
        } catch (RuntimeException rejected) {
            finish(execution, clock.instant(), rejected);
            throw rejected;
        }
        return execution;
    }

    /**
     * Matches a fire to the due time the schedule contains (a timer whose expression is wider than the
     * schedule fires at times it does not; those are skipped and leave no trace), claims it, and runs it.
     */
    void runScheduled(String jobId, Instant firedAt, Instant nextTimeout) {
        Optional<Job> found = jobs.findById(jobId);
        if (found.isEmpty() || !found.get().enabled() || found.get().paused()) {
            return;
        }
        Job job = found.get();
        List<Instant> due = dueTimes(JobSchedule.of(job), lastDue.get(jobId), firedAt, nextTimeout);
        if (due.isEmpty()) {
            return;
        }
        lastDue.merge(jobId, due.get(due.size() - 1), (a, b) -> a.isAfter(b) ? a : b);
        for (Instant dueAt : due) {
            Execution execution = newExecution(job, Ids.forFire(jobId, dueAt), "schedule", dueAt);
            if (claim(execution)) {
                run(job, execution);
            }
        }
    }

    /**
     * The due times one timeout stands for, oldest first: the fire it was due for, and the fires of the
     * schedule since the last one this instance saw for the job that the timer skipped. Payara computes a
     * calendar timer's next expiry from the moment a late callback runs, so a per-second timer can skip a
     * second under load; those are caught up here (at most {@value #MAX_CATCH_UP}). {@code lastSeen} is the
     * latest due time dispatched here, or the moment the timer was armed; null stands for the due fire only.
     */
    static List<Instant> dueTimes(CronSchedule schedule, Instant lastSeen, Instant firedAt, Instant nextTimeout) {
        Instant upper = dueBound(firedAt, nextTimeout);
        Optional<ZonedDateTime> latest = schedule.latestFireTimeBetween(firedAt.minus(LATENESS), upper);
        if (latest.isEmpty()) {
            return List.of();
        }
        Instant newest = latest.get().toInstant();
        if (lastSeen == null) {
            return List.of(newest);
        }
        if (!newest.isAfter(lastSeen)) {
            return List.of(); // dispatched here already: a wider timer's timeout between two fires
        }
        Instant from = lastSeen.isAfter(firedAt.minus(LATENESS)) ? lastSeen : firedAt.minus(LATENESS);
        List<Instant> due = new java.util.ArrayList<>();
        for (Instant t = from; ; ) {
            Optional<ZonedDateTime> next = schedule.nextFireTime(t);
            if (next.isEmpty() || next.get().toInstant().isAfter(newest)) {
                break;
            }
            t = next.get().toInstant();
            due.add(t);
        }
        return due.size() > MAX_CATCH_UP ? due.subList(due.size() - MAX_CATCH_UP, due.size()) : due;
    }

    /** Notes that the job's timer was (re)armed now: fires before this moment are neither run nor caught up. */
    public void armed(String jobId) {
        lastDue.put(jobId, clock.instant());
    }

    /**
     * The latest instant the fire's due time can be. Payara may deliver a timeout up to a second after it
     * was due (seen: a constant lag per server process), so the fire instant alone cannot tell which due
     * second it belongs to; the timer's next expiry can: the fire being handled is due before it. Only when
     * the timer has no next expiry, or has not advanced past this fire, does the fire instant bound it.
     */
    static Instant dueBound(Instant firedAt, Instant nextTimeout) {
        if (nextTimeout != null && nextTimeout.isAfter(firedAt)) {
            return nextTimeout.truncatedTo(ChronoUnit.SECONDS).minusNanos(1);
        }
        return firedAt.plus(EARLINESS);
    }

    private boolean claim(Execution execution) {
        try {
            executions.insert(execution);
            return true;
        } catch (RuntimeException e) {
            if (DuplicateKeys.in(e)) {
                LOG.fine(() -> "fire " + execution.id() + " already claimed");
                return false;
            }
            throw e;
        }
    }

    /** Runs the job and records the outcome; whatever fails on the way, the execution ends succeeded or failed. */
    private void run(Job job, Execution execution) {
        Instant started = clock.instant();
        Object output;
        try {
            execution.status(ExecutionStatus.running).startedAt(started).hostname(HOSTNAME);
            executions.update(execution);
            countRun(job, started);
            output = invoke(job, execution);
        } catch (Throwable failure) {
            finish(execution, started, failure);
            return;
        }
        execution.status(ExecutionStatus.succeeded).output(Outputs.output(output));
        execution.completedAt(clock.instant()).durationMs(Duration.between(started, clock.instant()).toMillis());
        executions.update(execution);
    }

    private void finish(Execution execution, Instant started, Throwable failure) {
        Instant completed = clock.instant();
        execution.status(ExecutionStatus.failed).error(Outputs.error(failure)).hostname(HOSTNAME)
                .startedAt(execution.startedAt() == null ? started : execution.startedAt())
                .completedAt(completed).durationMs(Duration.between(started, completed).toMillis());
        try {
            executions.update(execution);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not record the failure of execution " + execution.id(), e);
        }
    }

    /**
     * Marks the executions this host left unfinished (the server stopped while they ran) as failed, so that
     * none stays {@code running} for ever. Called once at start-up.
     */
    public long failInterrupted() {
        var unfinished = Filters.and(Filters.eq("hostname", HOSTNAME),
                Filters.in("status", ExecutionStatus.scheduled.name(), ExecutionStatus.running.name()));
        Instant now = clock.instant();
        return store.database().getCollection("scheduler_executions").updateMany(unfinished, Updates.combine(
                Updates.set("status", ExecutionStatus.failed.name()),
                Updates.set("error", "interrupted: the scheduler on " + HOSTNAME + " stopped before the run ended"),
                Updates.set("completed_at", Date.from(now)))).getModifiedCount();
    }

    private Object invoke(Job job, Execution execution) throws Exception {
        var handle = catalog.instantiate(job.jobClassString())
                .orElseThrow(() -> new IllegalStateException("job class '" + job.jobClassString() + "' is not deployed"));
        try {
            var context = new JobContext(job.id(), job.name(), job.userId(), execution.id(), execution.trigger(),
                    execution.scheduledTime(), job.pubArgs(), job.pubKwargs());
            return handle.get().run(context);
        } finally {
            handle.destroy();
        }
    }

    /** Atomic, so concurrent runs never lose a count. */
    private void countRun(Job job, Instant started) {
        Instant next = JobSchedule.of(job).nextFireTime(started).map(ZonedDateTime::toInstant).orElse(null);
        store.database().getCollection("scheduler_jobs").updateOne(
                Filters.eq("_id", new ObjectId(job.id())),
                Updates.combine(
                        Updates.inc("total_executions", 1L),
                        Updates.set("last_run_time", Date.from(started)),
                        Updates.set("next_run_time", next == null ? null : Date.from(next))));
    }

    private Execution newExecution(Job job, String id, String trigger, Instant scheduledTime) {
        return new Execution().id(id).hostname(HOSTNAME).jobId(job.id()).userId(job.userId()).jobName(job.name())
                .jobClassString(job.jobClassString()).status(ExecutionStatus.scheduled).trigger(trigger)
                .scheduledTime(scheduledTime).createdAt(clock.instant());
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
