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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Adds claimed runs to their jobs' active runs ({@code max_instances}) on a thread of its own, off the path from
 * claim to start: with the write in the claim, 1,000 fires due together started about twice as late. The one rule
 * that keeps the list right: a run is pulled (with its outcome, by the {@link RunRecorder}) only after it was pushed,
 * so the recorder waits for every push handed in before it writes ({@link #awaitWritten}). A run that has ended
 * before its push is written is left out of it: nothing to push, nothing to pull.
 */
@ApplicationScoped
public class ActiveMarks {

    private static final Logger LOG = Logger.getLogger(ActiveMarks.class.getName());
    /** The longest the recorder waits for pushes (the store is away): then it writes, and an entry may linger. */
    static final long MAX_WAIT_MILLIS = 10_000;

    @Inject
    JobRunCounts runCounts;

    @Inject
    RunRecorder recorder;

    @Inject
    MongoStore store;

    @Inject
    Background background;

    private final LinkedBlockingQueue<Map<String, List<ActiveRun>>> pending = new LinkedBlockingQueue<>();
    private final AtomicLong handedIn = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
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

    /** Hands in claimed runs by job; returns at once. */
    void push(Map<String, List<ActiveRun>> byJob) {
        if (byJob.isEmpty()) {
            return;
        }
        handedIn.incrementAndGet();
        pending.add(byJob);
    }

    /** Waits until every push handed in before this call is written (at most {@value #MAX_WAIT_MILLIS} ms). */
    void awaitWritten() {
        long target = handedIn.get();
        long deadline = System.currentTimeMillis() + MAX_WAIT_MILLIS;
        synchronized (written) {
            while (written.get() < target && System.currentTimeMillis() < deadline) {
                try {
                    written.wait(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void loop() {
        while (running) {
            List<Map<String, List<ActiveRun>>> batch = new ArrayList<>();
            try {
                Map<String, List<ActiveRun>> first = pending.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch);
                Map<String, List<ActiveRun>> still = stillRunning(batch);
                while (!still.isEmpty()) {
                    try {
                        runCounts.markActive(still);
                        break;
                    } catch (MongoException e) {
                        store.failed();
                        LOG.log(Level.FINE, "could not mark " + still.size() + " jobs' runs active; retrying", e);
                        Background.pause(Duration.ofMillis(250));
                        still = stillRunning(batch);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "could not mark runs active", e);
            } finally {
                synchronized (written) {
                    written.addAndGet(batch.size());
                    written.notifyAll();
                }
            }
        }
    }

    /** The runs of the batch that have not ended here yet, by job. */
    private Map<String, List<ActiveRun>> stillRunning(List<Map<String, List<ActiveRun>>> batch) {
        Map<String, List<ActiveRun>> merged = new LinkedHashMap<>();
        for (var byJob : batch) {
            byJob.forEach((jobId, runs) -> runs.stream().filter(r -> !recorder.ending(r.executionId()))
                    .forEach(r -> merged.computeIfAbsent(jobId, id -> new ArrayList<>()).add(r)));
        }
        return merged;
    }
}
