package io.texium.scheduler.jobs.spi;

import java.util.List;

/**
 * The code a job runs. Implementations are CDI beans annotated with {@link JobDefinition}; the scheduler finds
 * them by their {@code job_class_string}, so adding a job class needs no registry edit.
 *
 * <p><b>Interruption.</b> A run's thread is interrupted when the run passes its job's {@code timeout_seconds} (it
 * ends {@code timeout}) or is cancelled (it ends {@code cancelled}); the outcome is recorded at that moment and the
 * worker slot given back, whatever the job does next. A job honours the interrupt by returning soon after it:
 * <ul>
 * <li>a loop checks {@link Thread#interrupted()} (or {@code Thread.currentThread().isInterrupted()}) between steps and
 *     stops;</li>
 * <li>blocking waits are interruptible ones ({@code Thread.sleep}, {@code Object.wait}, {@code BlockingQueue.take},
 *     {@code Future.get}, {@code Process.waitFor}): let their {@link InterruptedException} end the run, or restore
 *     the flag ({@code Thread.currentThread().interrupt()}) and return; never swallow it and carry on;</li>
 * <li>I/O on a classic {@code java.net.Socket} or {@code java.io} stream does not see an interrupt: give every
 *     such call a timeout of its own (connect and read timeouts), or use interruptible channels
 *     ({@code java.nio.channels}, which close on interrupt) or {@code java.net.http.HttpClient};</li>
 * <li>a job that starts a process destroys it, and every process it started, when interrupted (as the CustomScript
 *     job does).</li>
 * </ul>
 * A job that ignores the interrupt keeps its thread (counted in {@code texium.workers.stuck} and in
 * {@code /api/scheduler/instances}) until it returns, and what it returns then is discarded. A graceful stop of the
 * instance waits for running jobs within its grace and does not interrupt them.
 */
public interface ScheduledJob {

    /**
     * Runs the job once.
     *
     * @return the output recorded on the execution: a String as it is, anything else as JSON; null for none
     * @throws Exception any failure, recorded on the execution with its message
     */
    Object run(JobContext context) throws Exception;

    /**
     * What the job refuses in arguments that already have their described types (a URL it may not call, a script
     * that is not there), checked when a job is saved, so that a wrong argument fails then and not at 3 a.m.
     */
    default List<Arguments.Problem> check(Arguments arguments) {
        return List.of();
    }

    /**
     * The arguments, once {@link #check} finds nothing wrong with them: a job calls it first in {@link #run}, so that
     * a job saved before a rule existed fails with the rule's message instead of doing something unintended.
     */
    default Arguments checked(Arguments arguments) {
        List<Arguments.Problem> problems = check(arguments);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ",
                    problems.stream().map(p -> p.field() + " " + p.reason()).toList()));
        }
        return arguments;
    }
}
