package io.texium.scheduler.jobs.spi;

import java.util.List;

/**
 * The code a job runs. Implementations are CDI beans annotated with {@link JobDefinition}; the scheduler finds
 * them by their {@code job_class_string}, so adding a job class needs no registry edit.
 *
 * <p>A run may be interrupted (the instance shuts down, a timeout, a cancel): a job that waits or loops checks
 * {@link Thread#interrupted()} or lets an {@link InterruptedException} end the run, and a job that starts a process
 * destroys it when interrupted.
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
