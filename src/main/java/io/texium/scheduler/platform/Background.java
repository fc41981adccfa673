package io.texium.scheduler.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's own threads, made by the server's managed thread factory (so they carry the application's
 * context) and stopped on undeploy: periodic loops (store watch, heartbeats, change polling) and the long-running
 * threads of the run pipeline. Nothing here is shared with the server's default executors, which refuse work
 * under a burst. Each periodic loop has a thread of its own: with a shared pair, the heartbeat and the change feed
 * both waiting out a dead store's 5 s server selection kept the store watch from running, and readiness stayed UP
 * (seen in PipelineIT's outage test, depending on the heartbeat's phase).
 */
@ApplicationScoped
public class Background {

    private static final Logger LOG = Logger.getLogger(Background.class.getName());

    @Resource
    ManagedThreadFactory threads;

    private final List<ScheduledThreadPoolExecutor> loops = new CopyOnWriteArrayList<>();
    private ThreadFactory loopThreads;

    @PostConstruct
    void start() {
        loopThreads = named("texium-loop");
    }

    @PreDestroy
    void stop() {
        loops.forEach(ScheduledThreadPoolExecutor::shutdownNow);
    }

    /** Runs {@code task} every {@code period} (after the previous run ends); a failing run is logged, never fatal. */
    public ScheduledFuture<?> every(Duration period, String what, Runnable task) {
        return every(period, period, what, task);
    }

    /** Runs {@code task} first after {@code delay}, then every {@code period} (after the previous run ends). */
    public ScheduledFuture<?> every(Duration delay, Duration period, String what, Runnable task) {
        var loop = new ScheduledThreadPoolExecutor(1, loopThreads);
        loop.setRemoveOnCancelPolicy(true);
        loops.add(loop);
        return loop.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (Throwable e) {
                LOG.log(Level.WARNING, what + " failed; trying again in " + period.toMillis() + " ms", e);
            }
        }, delay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits before a retry; an interrupt (undeploy) ends the wait and stays set for the caller's loop to see. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A factory of managed threads named {@code prefix-N}. */
    public ThreadFactory named(String prefix) {
        var counter = new java.util.concurrent.atomic.AtomicInteger();
        return task -> {
            Thread thread = threads.newThread(task);
            thread.setName(prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
