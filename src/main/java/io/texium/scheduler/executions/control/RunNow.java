package io.texium.scheduler.executions.control;

import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.jobs.control.JobEvent;
import io.texium.scheduler.jobs.control.JobRunCounts;
import io.texium.scheduler.jobs.control.Jobs;
import io.texium.scheduler.jobs.entity.ActiveRun;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Manual runs: recorded {@code scheduled} before the request is answered, then run by the same workers as fires. */
@ApplicationScoped
public class RunNow {

    @Inject
    Claims claims;

    @Inject
    ExecutionWrites writes;

    @Inject
    Workers workers;

    @Inject
    JobRunCounts runCounts;

    @Inject
    io.texium.scheduler.cluster.control.Instances instances;

    @Inject
    Clock clock;

    @Inject
    Jobs jobs;

    @Inject
    Event<JobEvent> events;

    /**
     * Runs a job the caller may see by hand, audited ({@code custom_run}): what run-now in the API and the timers
     * MBean's {@code trigger} do.
     */
    public Execution byHand(String jobId) {
        Job job = jobs.find(jobId);
        events.fire(JobEvent.of(JobEvent.Kind.RUN_NOW, job));
        return run(job);
    }

    /** Records the run and queues it; the store's refusal reaches the caller, so nothing is promised that is not recorded. */
    public Execution run(Job job) {
        Instant now = clock.instant();
        Execution execution = claims.scheduled(job, Ids.newId(), "manual", now, now);
        writes.claim(List.of(execution), instances.id());
        runCounts.markActive(Map.of(job.id(), List.of(new ActiveRun(execution.id(), instances.id()))));
        workers.submit(List.of(new Run(execution, job)));
        return execution;
    }
}
