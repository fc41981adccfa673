package io.texium.scheduler.jobs.entity;

/**
 * A run of a job that is claimed and not yet recorded as ended, as the job document lists it ({@code active_runs}):
 * what {@code max_instances} is checked against when the next fire is claimed, on any instance.
 */
public record ActiveRun(String executionId, String instanceId) {
}
