package io.texium.scheduler.executions.control;

import com.mongodb.MongoException;
import io.texium.scheduler.jobs.control.JobRunCounts;
import io.texium.scheduler.jobs.entity.ActiveRun;
import io.texium.scheduler.platform.Background;
import io.texium.scheduler.platform.MongoStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * The runs claimed here and not ended, per job: known here at once (what this instance's claims check
 * {@code max_instances} against), and written to the jobs' {@code active_runs} for the other instances after
 * {@value #HOLD_MILLIS} ms, on a thread of its own, only for the runs still going then. The fires of a job are claimed
 * by its primary owner, so another instance needs the list only when it claims for the job (a take-over, a retry or
 * chained run it drains, a manual run there); most runs end within the hold and are never written. Written in the
 * claim itself, the list made 1,000 fires due together start about twice as late.
 * <p>
 * The one rule that keeps the stored list right: a run's entry is pulled (with its outcome, by the
 * {@link RunRecorder}) only after any push of it has been written. A run is taken off the list here when it ends,
 * before its outcome is written; a push writes only runs still on the list, under a lock the recorder passes
 * ({@link #barrier}) before it pulls.
 */
@ApplicationScoped
public class ActiveMarks {

    private static final Logger LOG = Logger.getLogger(ActiveMarks.class.getName());
    static final long HOLD_MILLIS = 1_000;

    @Inject
    JobRunCounts runCounts;

    @Inject
    MongoStore store;

    @Inject
    Background background;

    private record Claimed(Map<String, List<ActiveRun>> byJob, long at) {
    }

    private final Map<String, Set<String>> local = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Claimed> pending = new LinkedBlockingQueue<>();
    private final Object lock = new Object();
    private volatile boolean running = true;
    private Thread thread;

    @PostConstruct
    void start() {
        thread = background.named("texium-active-marks").newThread(this::loop);
        thread.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        thread.interrupt();
    }

    /** Runs claimed here, by job: active from now on. */
    void claimed(Map<String, List<ActiveRun>> byJob) {
        if (byJob.isEmpty()) {
            return;
        }
        byJob.forEach((jobId, runs) -> runs.forEach(r -> local.computeIfAbsent(jobId, id -> ConcurrentHashMap.newKeySet())
                .add(r.executionId())));
        pending.add(new Claimed(byJob, System.currentTimeMillis()));
    }

    /** A run claimed here ended (or will not run here): no longer active. */
    void ended(String jobId, String executionId) {
        Set<String> ids = local.get(jobId);
        if (ids != null) {
            ids.remove(executionId);
            if (ids.isEmpty()) {
                local.remove(jobId, ids);
            }
        }
    }

    /** The ids of the job's runs claimed here and not ended. */
    Set<String> active(String jobId) {
        return local.getOrDefault(jobId, Set.of());
    }

    /** Returns once no push is being written: what was pushed before is in the store. */
    void barrier() {
        synchronized (lock) {
            // nothing: passing the lock is the point
        }
    }

    private void loop() {
        while (running) {
            try {
                Claimed first = pending.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                long wait = first.at() + HOLD_MILLIS - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                List<Claimed> batch = new ArrayList<>(List.of(first));
                long due = System.currentTimeMillis() - HOLD_MILLIS;
                while (pending.peek() != null && pending.peek().at() <= due) {
                    batch.add(pending.poll());
                }
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "could not mark runs active", e);
            }
        }
    }

    /** Writes the runs of the batch still active, retrying while the store is away. */
    private void write(List<Claimed> batch) throws InterruptedException {
        while (running) {
            synchronized (lock) {
                Map<String, List<ActiveRun>> still = new LinkedHashMap<>();
                for (Claimed c : batch) {
                    c.byJob().forEach((jobId, runs) -> runs.stream().filter(r -> active(jobId).contains(r.executionId()))
                            .forEach(r -> still.computeIfAbsent(jobId, id -> new ArrayList<>()).add(r)));
                }
                try {
                    if (!still.isEmpty()) {
                        runCounts.markActive(still);
                    }
                    return;
                } catch (MongoException e) {
                    store.failed();
                    LOG.log(Level.FINE, "could not mark " + still.size() + " jobs' runs active; retrying", e);
                }
            }
            Thread.sleep(250);
        }
    }
}
