package io.texium.scheduler.executions.control;

import io.texium.scheduler.cluster.control.ChangeFeed;
import io.texium.scheduler.cluster.control.Changed;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.problems.ConflictException;
import io.texium.scheduler.problems.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Cancels an execution on request: a {@code scheduled} one by a write fenced on {@code scheduled} (the worker's start,
 * fenced the same way, then skips it); a {@code running} one on the instance that runs it, here directly, elsewhere
 * through the {@link ChangeFeed} ({@link Changed#CANCEL}), that instance ending it {@code cancelled} with a write
 * fenced on {@code running} there. A finished one cannot be cancelled.
 */
@ApplicationScoped
public class Cancels {

    private static final Logger LOG = Logger.getLogger(Cancels.class.getName());
    static final String BEFORE_START = "cancelled on request before it started";
    static final String WHILE_RUNNING = "cancelled on request while it ran; its thread was interrupted";
    static final long POLL_MILLIS = 100;

    @Inject
    ExecutionQueries queries;

    @Inject
    ExecutionWrites writes;

    @Inject
    Workers workers;

    @Inject
    Instances instances;

    @Inject
    ChangeFeed changes;

    @Inject
    Event<ExecutionEvent> events;

    @Inject
    Clock clock;

    /**
     * Cancels the execution as read ({@code x}, which the caller may see) and waits up to {@code wait} for it to end;
     * answers it as last read, ended or still stopping.
     *
     * @throws ConflictException when it had ended already
     */
    public Execution cancel(Execution x, Duration wait) {
        if (x.status().ended()) {
            throw new ConflictException("execution " + x.id() + " has ended (" + x.status() + "); only a scheduled or"
                    + " running execution can be cancelled");
        }
        events.fire(ExecutionEvent.cancelled(x));
        long deadline = System.nanoTime() + wait.toNanos();
        boolean published = false;
        Execution now = x;
        while (!now.status().ended()) {
            if (now.status() == ExecutionStatus.scheduled) {
                if (writes.cancelScheduled(now, BEFORE_START, clock.instant())) {
                    return now;
                }
            } else if (instances.id().equals(now.instanceId())) {
                workers.cancel(now.id(), WHILE_RUNNING);
            } else if (!published) {
                // running elsewhere: the instance that runs it stops it (a run here not yet recorded as ours is retried)
                changes.publish(Changed.CANCEL, now.id());
                published = true;
            }
            if (System.nanoTime() >= deadline || !pause()) {
                return now;
            }
            String id = now.id();
            now = queries.find(id).orElseThrow(() -> new NotFoundException("execution", id));
        }
        return now;
    }

    /** Another instance asks the one that runs the execution to stop it: if that is this one, it does. */
    void onChanged(@Observes Changed change) {
        if (Changed.CANCEL.equals(change.kind()) && workers.cancel(change.id(), WHILE_RUNNING)) {
            LOG.info(() -> "execution " + change.id() + " cancelled on another instance's request");
        }
    }

    private static boolean pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
