package io.texium.scheduler.executions.control;

import com.mongodb.MongoException;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.jobs.control.JobCatalog;
import io.texium.scheduler.jobs.control.JobRunCounts;
import io.texium.scheduler.jobs.spi.JobContext;
import io.texium.scheduler.platform.Background;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.users.control.Users;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs claimed executions on threads of its own, at most {@code texium.workers} at once, oldest due first. A full
 * pool makes a run wait in the queue, never fail: the dispatcher hands a run to a thread only when a worker slot is
 * free, marking all the runs it starts together {@code running} in one write. Every run ends as exactly one outcome,
 * written by the {@link RunRecorder}: its job's, or {@code timeout} when the {@link Watchdog} finds it past its
 * job's {@code timeout_seconds}, or {@code cancelled} when {@link #cancel stopped}. A run stopped while its job runs
 * has its thread interrupted and gives its slot back at once; a job that ignores the interrupt keeps its thread
 * (counted as stuck, {@code texium.workers.stuck}) while the slot runs the next job on a new thread, and whatever it
 * returns in the end is discarded.
 */
@ApplicationScoped
public class Workers {

    private static final Logger LOG = Logger.getLogger(Workers.class.getName());

    @Inject
    @ConfigProperty(name = "texium.workers", defaultValue = "16")
    int workerCount;

    @Inject
    ExecutionWrites writes;

    @Inject
    RunRecorder recorder;

    @Inject
    JobCatalog catalog;

    @Inject
    Instances instances;

    @Inject
    Users users;

    @Inject
    JobRunCounts runCounts;

    @Inject
    ActiveMarks activeMarks;

    @Inject
    MongoStore store;

    @Inject
    Background background;

    @Inject
    PipelineMetrics metrics;

    @Inject
    Clock clock;

    private final PriorityBlockingQueue<Run> queue = new PriorityBlockingQueue<>(1024, Run.DUE_ORDER);
    /** The runs handed to a thread, by execution id, until the thread returns (lingering ones included). */
    private final Map<String, HandedRun> active = new ConcurrentHashMap<>();
    /** Threads still in a job whose run was ended (timeout, cancel): they hold no slot. */
    private final AtomicInteger stuck = new AtomicInteger();
    private Semaphore free;
    private ExecutorService pool;
    private Watchdog watchdog;
    private ScheduledThreadPoolExecutor alarms;
    private volatile boolean accepting = true;
    private Thread dispatcher;

    @PostConstruct
    void start() {
        free = new Semaphore(workerCount);
        // the slots (free) bound the jobs running; the pool may grow past them by the threads stuck in ended runs
        pool = new ThreadPoolExecutor(workerCount, Integer.MAX_VALUE, 1, TimeUnit.MINUTES, new SynchronousQueue<>(),
                background.named("texium-worker"));
        watchdog = new Watchdog(clock);
        alarms = new ScheduledThreadPoolExecutor(1, background.named("texium-watchdog"));
        alarms.setRemoveOnCancelPolicy(true);
        dispatcher = background.named("texium-dispatcher").newThread(this::dispatch);
        dispatcher.start();
        metrics.gauge("texium.queue.depth", "claimed runs waiting for a worker", queue::size);
        metrics.gauge("texium.workers.busy", "workers running a job", () -> workerCount - free.availablePermits());
        metrics.gauge("texium.workers", "the size of the worker pool", () -> workerCount);
        metrics.gauge("texium.workers.stuck", "threads still in a job whose run ended as timeout or cancelled", stuck::get);
        instances.countStuck(stuck::get);
    }

    /** Queues claimed runs; they start in due order as workers free up. */
    void submit(List<Run> runs) {
        queue.addAll(runs);
    }

    /**
     * Takes up to {@code wanted} free workers for runs the caller records as {@code running} itself (a claim that
     * can start at once saves the separate start write); each is handed back by {@link #startReserved} or
     * {@link #release}.
     */
    int reserve(int wanted) {
        int taken = 0;
        while (taken < wanted && queue.isEmpty() && free.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    void release(int reserved) {
        free.release(reserved);
    }

    /** Runs executions recorded {@code running} by their claim on reserved workers. */
    void startReserved(List<Run> runs) {
        for (Run run : runs) {
            hand(activate(run));
        }
    }

    /**
     * Stops a run that this instance runs, ending it {@code cancelled} with the reason; false when this instance
     * runs no such execution (not here, not started yet, or ended already).
     */
    public boolean cancel(String executionId, String reason) {
        HandedRun run = active.get(executionId);
        return run != null && end(run, ExecutionStatus.cancelled, null, reason);
    }

    /** Threads still in a job whose run was ended as {@code timeout} or {@code cancelled}. */
    public int stuck() {
        return stuck.get();
    }

    int queued() {
        return queue.size();
    }

    /** Stops starting runs, waits up to {@code grace} for those running, and returns the runs never started. */
    List<Run> stop(Duration grace) {
        accepting = false;
        dispatcher.interrupt();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> "runs still going after the shutdown grace of " + grace.toSeconds() + " s ("
                        + stuck.get() + " of them stuck in runs already ended)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        alarms.shutdownNow();
        List<Run> left = new ArrayList<>();
        queue.drainTo(left);
        return left;
    }

    private void dispatch() {
        while (accepting) {
            List<Run> batch = new ArrayList<>();
            try {
                free.acquire();
                Run first = queue.take();
                batch.add(first);
                while (free.tryAcquire()) {
                    Run next = queue.poll();
                    if (next == null) {
                        free.release();
                        break;
                    }
                    batch.add(next);
                }
                startAll(batch);
            } catch (InterruptedException e) {
                free.release(batch.isEmpty() ? 1 : batch.size());
                queue.addAll(batch);
                return;
            } catch (MongoException e) {
                store.failed();
                metrics.storeError();
                free.release(batch.size());
                queue.addAll(batch);
                LOG.log(Level.FINE, "could not start " + batch.size() + " runs; retrying", e);
                Background.pause(Duration.ofMillis(500));
            } catch (RuntimeException e) {
                free.release(batch.size());
                queue.addAll(batch);
                LOG.log(Level.SEVERE, "could not start " + batch.size() + " runs; retrying", e);
                Background.pause(Duration.ofMillis(500));
            }
        }
    }

    /**
     * Marks the batch running in one write, then hands each run that was still ours to a worker. The runs are
     * active before the write, so that a cancel that reads one {@code running} here finds it.
     */
    private void startAll(List<Run> batch) {
        Instant started = clock.instant();
        batch = withoutTooLate(batch, started);
        if (batch.isEmpty()) {
            return;
        }
        List<HandedRun> runs = batch.stream().map(this::activate).toList();
        Set<String> ours;
        try {
            ours = writes.start(batch.stream().map(Run::execution).toList(), instances.id(), instances.hostname(), started);
        } catch (RuntimeException e) {
            runs.forEach(run -> active.remove(run.id()));
            throw e;
        }
        Map<String, List<String>> notOurs = new HashMap<>();
        for (HandedRun run : runs) {
            if (!ours.contains(run.id())) {
                // cancelled, adopted or skipped meanwhile: not ours to run, and no longer active for max_instances
                notOurs.computeIfAbsent(run.run().job().id(), id -> new ArrayList<>()).add(run.id());
                active.remove(run.id());
                if (run.stop() != HandedRun.Stopped.NOT_RUNNING) {
                    free.release();
                }
                continue;
            }
            if (run.started(started, instances.hostname())) {
                hand(run);
            } else {
                active.remove(run.id());
            }
        }
        if (!notOurs.isEmpty()) {
            notOurs.forEach((jobId, ids) -> ids.forEach(id -> activeMarks.ended(jobId, id)));
            runCounts.unmarkActive(notOurs);
        }
    }

    /**
     * The batch without the fired runs that waited for a worker past their job's misfire grace (a backlog): those end
     * {@code missed} instead of starting, and give their slots back. Manual runs, retries and chained runs always
     * start.
     */
    private List<Run> withoutTooLate(List<Run> batch, Instant now) {
        List<Run> tooLate = new ArrayList<>();
        List<Run> start = new ArrayList<>(batch.size());
        for (Run run : batch) {
            (Misfires.tooLate(run.execution(), run.job().policy(), now) ? tooLate : start).add(run);
        }
        if (tooLate.isEmpty()) {
            return batch;
        }
        Map<String, List<String>> byJob = new HashMap<>();
        tooLate.forEach(run -> byJob.computeIfAbsent(run.job().id(), id -> new ArrayList<>()).add(run.execution().id()));
        writes.miss(tooLate.stream().map(Run::execution).toList(),
                "waited for a worker past the job's misfire_grace_seconds: every worker was busy");
        byJob.forEach((jobId, ids) -> ids.forEach(id -> activeMarks.ended(jobId, id)));
        runCounts.unmarkActive(byJob);
        free.release(tooLate.size());
        tooLate.forEach(run -> metrics.ended(ExecutionStatus.missed.name()));
        LOG.warning(() -> tooLate.size() + " run(s) waited for a worker past their job's misfire grace and were missed");
        return start;
    }

    private HandedRun activate(Run run) {
        HandedRun a = new HandedRun(run, run.job().policy().timeout().orElse(null));
        active.put(a.id(), a);
        return a;
    }

    private void hand(HandedRun run) {
        try {
            pool.execute(() -> execute(run));
        } catch (RuntimeException e) {
            // the pool is shut down: the run stays running here and ends failed with the instance's stop
            active.remove(run.id());
            LOG.log(Level.WARNING, "could not hand run " + run.id() + " to a thread", e);
        }
    }

    /**
     * Runs the job; whatever happens, the execution ends with an outcome: the job's, unless the run was ended
     * meanwhile ({@code timeout}, {@code cancelled}), and then the job's result is discarded. {@code started_at}
     * becomes the moment the job's code starts (the {@code running} write carries the moment the run was handed
     * over, a write earlier); the timeout counts from then.
     */
    private void execute(HandedRun run) {
        if (!run.begin(Thread.currentThread(), clock.instant())) {
            active.remove(run.id()); // stopped before it started: its slot was given back then
            return;
        }
        Execution x = run.run().execution();
        watch(run);
        metrics.started(Duration.between(x.scheduledTime(), x.startedAt()));
        Object output = null;
        Throwable failure = null;
        try {
            output = invoke(run.run());
        } catch (Throwable t) {
            failure = t;
        }
        boolean ours = run.finish();
        Thread.interrupted(); // an interrupt meant for this run must not reach the next one on this thread
        run.disarm();
        watchdog.forget(run);
        active.remove(run.id());
        if (!ours) {
            stuck.decrementAndGet();
            LOG.info(() -> "the job of execution " + run.id() + " returned after its run was ended as "
                    + x.status() + "; its result is discarded");
            return;
        }
        try {
            if (failure == null) {
                x.status(ExecutionStatus.succeeded).output(Outputs.output(output));
            } else {
                x.status(ExecutionStatus.failed).error(Outputs.error(failure));
            }
            Instant completed = clock.instant();
            x.completedAt(completed).durationMs(Duration.between(x.startedAt(), completed).toMillis());
            metrics.ended(x.status().name());
            recorder.ended(x, run.run().job());
        } finally {
            free.release();
        }
    }

    /** How long after a deadline the watchdog wakes: the scheduler's clock and the wall clock may differ slightly. */
    static final long ALARM_MARGIN_NANOS = 5_000_000;

    /** Watches a started run's deadline, waking the watchdog then; a run without a timeout costs nothing here. */
    private void watch(HandedRun run) {
        if (watchdog.watch(run)) {
            // in nanoseconds and a little after: a wake-up rounded down to the millisecond came before the deadline,
            // found nothing overdue, and the run was never timed out
            long nanos = Math.max(0, Duration.between(clock.instant(), run.deadline()).toNanos()) + ALARM_MARGIN_NANOS;
            try {
                run.alarm(alarms.schedule(this::timeOut, nanos, TimeUnit.NANOSECONDS));
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "the watchdog is stopped; run " + run.id() + " is not timed", e);
            }
        }
    }

    /** Ends the runs past their deadline as {@code timeout}. */
    void timeOut() {
        for (HandedRun run : watchdog.overdue()) {
            end(run, ExecutionStatus.timeout, "timed out after " + run.timeout().toSeconds()
                    + " s (timeout_seconds); the job's thread was interrupted", null);
        }
    }

    /**
     * Ends a run from outside with the given outcome, if it has not ended: its slot is given back at once, its thread
     * (if the job runs) interrupted and counted stuck until it returns. Answers whether this ended it.
     */
    private boolean end(HandedRun run, ExecutionStatus status, String error, String reason) {
        HandedRun.Stopped stopped = run.stop();
        if (stopped == HandedRun.Stopped.NOT_RUNNING) {
            return false;
        }
        run.disarm();
        watchdog.forget(run);
        if (stopped == HandedRun.Stopped.INTERRUPTED) {
            stuck.incrementAndGet();
        } else {
            active.remove(run.id());
        }
        Execution x = run.run().execution();
        Instant completed = clock.instant();
        x.status(status).output(null).error(error).reason(reason).completedAt(completed)
                .durationMs(x.startedAt() == null ? null : Math.max(0, Duration.between(x.startedAt(), completed).toMillis()));
        metrics.ended(status.name());
        recorder.ended(x, run.run().job());
        free.release();
        LOG.info(() -> "execution " + run.id() + " ended as " + status + (stopped == HandedRun.Stopped.INTERRUPTED
                ? "; its thread was interrupted" : " before its job started"));
        return true;
    }

    Object invoke(Run run) throws Exception {
        var job = run.job();
        var handle = catalog.instantiate(job.jobClassString())
                .orElseThrow(() -> new IllegalStateException("job class '" + job.jobClassString() + "' is not deployed"));
        try {
            var x = run.execution();
            if (catalog.adminOnly(job.jobClassString()) && !users.isAdmin(job.userId())) {
                throw new IllegalStateException(job.jobClassString() + " runs only for an administrator's job,"
                        + " and the owner of this job is not an administrator");
            }
            var context = new JobContext(job.id(), job.name(), job.userId(), x.id(), x.trigger(), x.scheduledTime(),
                    job.pubArgs(), job.pubKwargs(), catalog.arguments(job));
            return handle.get().run(context);
        } finally {
            handle.destroy();
        }
    }
}
