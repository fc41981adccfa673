package io.texium.scheduler.jobs.boundary;

import io.texium.scheduler.jobs.control.JobSchedules;
import io.texium.scheduler.jobs.control.JobTimer;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Turns jobs into their API views, reading the next timeouts of just the jobs shown (never every timer). */
@ApplicationScoped
public class JobViews {

    @Inject
    JobTimer timers;

    @Inject
    JobSchedules schedules;

    @Inject
    Clock clock;

    public JobView of(Job job) {
        return JobView.of(job, schedules.of(job), timers.nextTimeouts(List.of(job.id())), clock.instant());
    }

    public Page<JobView> of(Page<Job> jobs) {
        Map<String, Instant> live = timers.nextTimeouts(jobs.items().stream().map(Job::id).toList());
        Instant now = clock.instant();
        return jobs.map(job -> JobView.of(job, schedules.of(job), live, now));
    }
}
