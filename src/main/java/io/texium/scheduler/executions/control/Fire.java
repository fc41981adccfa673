package io.texium.scheduler.executions.control;

import java.time.Instant;

/**
 * A timeout of a job's timer, as the timer thread hands it over: which job, when it was delivered, and the timer's
 * next expiry (the fire's due time lies before it). Nothing is read or written on the timer thread.
 */
public record Fire(String jobId, Instant firedAt, Instant nextTimeout) {
}
