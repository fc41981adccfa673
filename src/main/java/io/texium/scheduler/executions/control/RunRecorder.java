package io.texium.scheduler.executions.control;

import com.mongodb.MongoException;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.jobs.control.JobRunCounts;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.jobs.entity.RecentFire;
import io.texium.scheduler.platform.Background;
import io.texium.scheduler.platform.MongoStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes the outcomes of runs, many at once, on a thread of its own: first the jobs' run counts (which also take the
 * runs off their jobs' active runs), then what the ends call for ({@link FollowUps}: retries, chained runs), then the
 * executions' final states (so whoever reads an ended execution also reads its count and its follow-ups). A write
 * the store refuses for want of the store is kept and retried until it lands: an execution always ends.
 */
@ApplicationScoped
public class RunRecorder {

    private static final Logger LOG = Logger.getLogger(RunRecorder.class.getName());
    static final int BATCH = 2_000;

    @Inject
    ExecutionWrites writes;

    @Inject
    JobRunCounts counts;

    @Inject
    Instances instances;

    @Inject
    MongoStore store;

    @Inject
    Background background;

    @Inject
    PipelineMetrics metrics;

    @Inject
    Workers workers;

    @Inject
    FollowUps followUps;

    @Inject
    DueRuns dueRuns;

    @Inject
    ActiveMarks activeMarks;

    private final LinkedBlockingQueue<FollowUps.Ended> ended = new LinkedBlockingQueue<>();
    /** The ids of runs ended here whose outcome is not written yet: they no longer count against max_instances. */
    private final Set<String> ending = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private Thread thread;

    @PostConstruct
    void start() {
        thread = background.named("texium-recorder").newThread(this::loop);
        thread.start();
    }

    /** Takes an ended execution (status, output or error, times set) of the job as claimed, for writing. */
    void ended(Execution execution, Job job) {
        ending.add(execution.id());
        activeMarks.ended(execution.jobId(), execution.id());
        ended.add(new FollowUps.Ended(execution, job));
    }

    /** Whether the run has ended here and its outcome is being written. */
    boolean ending(String executionId) {
        return ending.contains(executionId);
    }

    /** Writes what is left, trying for at most {@code millis}. */
    void flush(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (!ended.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        thread.interrupt();
    }

    private void loop() {
        List<FollowUps.Ended> batch = new ArrayList<>();
        boolean counted = false;
        List<Execution> next = null;
        while (running || !ended.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    FollowUps.Ended first = ended.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    yieldToStarts();
                    ended.drainTo(batch, BATCH - 1);
                    counted = false;
                    next = null;
                }
                List<Execution> executions = batch.stream().map(FollowUps.Ended::execution).toList();
                if (!counted) {
                    activeMarks.barrier(); // an outcome pulls its run from the active runs only after any push of it
                    counts.add(runsByJob(executions));
                    counted = true;
                }
                if (next == null) {
                    next = followUps.of(batch);
                }
                if (!next.isEmpty()) {
                    writes.defer(next);
                    dueRuns.schedule(next);
                    next = List.of();
                }
                writes.finish(executions, instances.id());
                executions.forEach(x -> ending.remove(x.id()));
                batch.clear();
            } catch (InterruptedException e) {
                if (!running) {
                    running = false;
                }
            } catch (MongoException e) {
                store.failed();
                metrics.storeError();
                LOG.log(Level.FINE, "could not record " + batch.size() + " outcomes; retrying", e);
                Background.pause(Duration.ofMillis(500));
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "could not record " + batch.size() + " outcomes; retrying", e);
                Background.pause(Duration.ofMillis(500));
            }
        }
    }

    /**
     * While runs wait for a worker, outcomes wait (at most {@value #MAX_HOLD_MILLIS} ms, at most {@value #BATCH}):
     * starting a due run matters more than recording an ended one, and both contend for the same collection.
     */
    private void yieldToStarts() throws InterruptedException {
        long deadline = System.currentTimeMillis() + MAX_HOLD_MILLIS;
        while (running && workers.queued() > 0 && ended.size() < BATCH && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
    }

    static final long MAX_HOLD_MILLIS = 1_000;

    /** The trigger of a fire of a job's schedule (not a manual, retried, chained or catch-up run). */
    static final String FIRE = "schedule";

    static List<JobRunCounts.Runs> runsByJob(List<Execution> batch) {
        Map<String, JobRunCounts.Runs> byJob = new LinkedHashMap<>();
        for (Execution x : batch) {
            boolean started = x.startedAt() != null;
            List<RecentFire> fires = FIRE.equals(x.trigger())
                    ? List.of(new RecentFire(x.id(), x.scheduledTime(), x.startedAt(), x.status().name()))
                    : List.of();
            byJob.merge(x.jobId(), new JobRunCounts.Runs(x.jobId(), started ? 1 : 0, x.startedAt(), List.of(x.id()), fires),
                    (a, b) -> new JobRunCounts.Runs(a.jobId(), a.count() + b.count(), latest(a.lastStarted(), b.lastStarted()),
                            concat(a.ended(), b.ended()), concat(a.fires(), b.fires())));
        }
        return new ArrayList<>(byJob.values());
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.isAfter(b) ? a : b;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
