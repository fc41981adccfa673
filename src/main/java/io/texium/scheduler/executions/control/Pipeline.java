package io.texium.scheduler.executions.control;

import io.texium.scheduler.jobs.entity.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The run pipeline as the timer adapter sees it: a due fire goes in here and ends as exactly one execution with an
 * outcome. Fire → {@link Claims} (recorded {@code scheduled} before anything can refuse it) → {@link Workers}
 * (run in due order as workers free up) → {@link RunRecorder} (outcome and run counts written, retried until they
 * land). {@link Takeover} adopts the work of lost instances, {@link MissedFires} records what fell due while no
 * instance ran, {@link Shutdown} hands work back on undeploy.
 */
@ApplicationScoped
public class Pipeline {

    @Inject
    Claims claims;

    @Inject
    MissedFires missedFires;

    /** Called on the timer thread for each timeout: appends the fire and returns at once. */
    public void fired(String jobId, Instant firedAt, Instant nextTimeout) {
        claims.fired(new Fire(jobId, firedAt, nextTimeout));
    }

    /** The job's timer was (re)armed at {@code at}: its fires from then on are the timer's. */
    public void armed(Job job, Instant at) {
        claims.armed(job.id(), at);
        missedFires.armed(job, at);
    }

    /** Every active job's timer was armed after a start: what fell due while no instance ran can be counted now. */
    public void rebuilt() {
        missedFires.record();
    }
}
