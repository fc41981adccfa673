package io.texium.scheduler.executions.control;

import io.texium.scheduler.executions.entity.ExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.Future;

/**
 * A run handed to a worker, until its thread returns: the one place that decides who records its outcome. Either the
 * worker's thread does, when the job returns, or whoever stops it first (the watchdog at its deadline, a cancel);
 * exactly one of them wins, and the loser's result is discarded. A run stopped while its job runs has its thread
 * interrupted and is <em>lingering</em> until that thread returns.
 */
final class HandedRun {

    /** Deadline order, then by id, so that two runs due at the same instant are both kept. */
    static final Comparator<HandedRun> DEADLINE_ORDER = Comparator.comparing((HandedRun a) -> a.deadline)
            .thenComparing(a -> a.run.execution().id());

    /** What {@link #stop} came to. */
    enum Stopped {
        /** The run had ended already (its outcome is someone else's to record). */
        NOT_RUNNING,
        /** Ended before its job started: the job will not run. */
        BEFORE_START,
        /** Ended while its job ran: the thread was interrupted and lingers until the job returns. */
        INTERRUPTED
    }

    private final Run run;
    private final Duration timeout;
    private volatile Instant deadline;
    private Thread thread;
    private boolean ended;
    private volatile Future<?> alarm;

    HandedRun(Run run, Duration timeout) {
        this.run = run;
        this.timeout = timeout;
    }

    Run run() {
        return run;
    }

    String id() {
        return run.execution().id();
    }

    /** The moment past which the run is ended as {@code timeout}; null without a timeout (or before it started). */
    Instant deadline() {
        return deadline;
    }

    Duration timeout() {
        return timeout;
    }

    /** The run was marked {@code running} here at {@code at}; false when it was stopped already. */
    synchronized boolean started(Instant at, String hostname) {
        if (ended) {
            return false;
        }
        run.execution().status(ExecutionStatus.running).startedAt(at).hostname(hostname);
        return true;
    }

    /**
     * The worker's thread takes the run up at {@code at} (its {@code started_at}, and the start of its timeout);
     * false when the run was stopped before, and the job must not run.
     */
    synchronized boolean begin(Thread worker, Instant at) {
        if (ended) {
            return false;
        }
        thread = worker;
        run.execution().startedAt(at);
        deadline = timeout == null ? null : run.execution().startedAt().plus(timeout);
        return true;
    }

    /**
     * The worker's thread returned from the job: true when its outcome is the one to record; false when the run was
     * stopped meanwhile (the thread was interrupted, and the result is discarded). No interrupt from this run reaches
     * the thread after this returns.
     */
    synchronized boolean finish() {
        thread = null;
        if (ended) {
            return false;
        }
        ended = true;
        return true;
    }

    /** Ends the run from outside (its deadline, a cancel), interrupting its thread if the job runs. */
    synchronized Stopped stop() {
        if (ended) {
            return Stopped.NOT_RUNNING;
        }
        ended = true;
        if (thread == null) {
            return Stopped.BEFORE_START;
        }
        thread.interrupt();
        return Stopped.INTERRUPTED;
    }

    /** Whether the run is past its deadline at {@code now} (a run without a timeout never is). */
    boolean overdue(Instant now) {
        Instant due = deadline;
        return due != null && !now.isBefore(due);
    }

    void alarm(Future<?> alarm) {
        this.alarm = alarm;
    }

    /** Cancels the wake-up scheduled for the deadline, if any (the run ended first). */
    void disarm() {
        Future<?> set = alarm;
        if (set != null) {
            set.cancel(false);
        }
    }
}
