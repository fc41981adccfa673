package io.texium.scheduler.jobs.spi;

/**
 * The code a job runs. Implementations are CDI beans annotated with {@link JobDefinition}; the scheduler finds
 * them by their {@code job_class_string}, so adding a job class needs no registry edit.
 */
public interface ScheduledJob {

    /**
     * Runs the job once.
     *
     * @return the output recorded on the execution: a String as it is, anything else as JSON; null for none
     * @throws Exception any failure, recorded on the execution with its stack trace
     */
    Object run(JobContext context) throws Exception;
}
