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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs claimed executions on a pool of its own ({@code texium.workers} threads), oldest due first. A full pool
 * makes a run wait in the queue, never fail: the dispatcher hands a run to the pool only when a worker is free,
 * marking all the runs it starts together {@code running} in one write. Every run ends as exactly one outcome,
 * written by the {@link RunRecorder}.
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
    MongoStore store;

    @Inject
    Background background;

    @Inject
    PipelineMetrics metrics;

    @Inject
    Clock clock;

    private final PriorityBlockingQueue<Run> queue = new PriorityBlockingQueue<>(1024, Run.DUE_ORDER);
    private Semaphore free;
    private ExecutorService pool;
    private volatile boolean accepting = true;
    private Thread dispatcher;

    @PostConstruct
    void start() {
        free = new Semaphore(workerCount);
        pool = new ThreadPoolExecutor(workerCount, workerCount, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                background.named("texium-worker"));
        dispatcher = background.named("texium-dispatcher").newThread(this::dispatch);
        dispatcher.start();
        metrics.gauge("texium.queue.depth", "claimed runs waiting for a worker", queue::size);
        metrics.gauge("texium.workers.busy", "workers running a job", () -> workerCount - free.availablePermits());
        metrics.gauge("texium.workers", "the size of the worker pool", () -> workerCount);
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
            pool.execute(() -> {
                try {
                    execute(run);
                } finally {
                    free.release();
                }
            });
        }
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
                LOG.warning(() -> "runs still going after the shutdown grace of " + grace.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    /** Marks the batch running in one write, then hands each run that was still ours to a worker. */
    private void startAll(List<Run> batch) {
        Instant started = clock.instant();
        Set<String> ours = writes.start(batch.stream().map(Run::execution).toList(), instances.id(),
                instances.hostname(), started);
        Map<String, List<String>> notOurs = new HashMap<>();
        for (Run run : batch) {
            if (!ours.contains(run.execution().id())) {
                // cancelled or taken over before it started: it no longer counts against max_instances
                notOurs.computeIfAbsent(run.job().id(), id -> new ArrayList<>()).add(run.execution().id());
                free.release();
                continue;
            }
            run.execution().status(ExecutionStatus.running).startedAt(started).hostname(instances.hostname());
            pool.execute(() -> {
                try {
                    execute(run);
                } finally {
                    free.release();
                }
            });
        }
        if (!notOurs.isEmpty()) {
            runCounts.unmarkActive(notOurs);
        }
    }

    /**
     * Runs the job; whatever happens, the execution ends with an outcome. {@code started_at} becomes the moment the
     * job's code starts (the {@code running} write carries the moment the run was handed over, a write earlier).
     */
    private void execute(Run run) {
        Execution x = run.execution().startedAt(clock.instant());
        metrics.started(Duration.between(x.scheduledTime(), x.startedAt()));
        try {
            Object output = invoke(run);
            x.status(ExecutionStatus.succeeded).output(Outputs.output(output));
        } catch (Throwable failure) {
            x.status(ExecutionStatus.failed).error(Outputs.error(failure));
        }
        Instant completed = clock.instant();
        x.completedAt(completed).durationMs(Duration.between(x.startedAt(), completed).toMillis());
        metrics.ended(x.status().name());
        recorder.ended(x, run.job());
    }

    private Object invoke(Run run) throws Exception {
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
