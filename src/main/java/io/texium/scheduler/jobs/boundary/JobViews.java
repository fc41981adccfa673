package io.texium.scheduler.jobs.boundary;

import io.texium.scheduler.jobs.control.JobCatalog;
import io.texium.scheduler.jobs.control.JobSchedules;
import io.texium.scheduler.jobs.control.JobTimer;
import io.texium.scheduler.jobs.control.Jobs;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.Page;
import io.texium.scheduler.users.control.Users;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Turns jobs into their API views, reading the next timeouts of just the jobs shown (never every timer). */
@ApplicationScoped
public class JobViews {

    @Inject
    JobTimer timers;

    @Inject
    JobSchedules schedules;

    @Inject
    Clock clock;

    @Inject
    JobCatalog catalog;

    @Inject
    Jobs jobs;

    @Inject
    Users users;

    public JobView of(Job job) {
        return JobView.of(job, schedules.of(job), timers.nextTimeouts(List.of(job.id())), clock.instant(),
                shown(job, users::isAdmin));
    }

    public Page<JobView> of(Page<Job> page) {
        Map<String, Instant> live = timers.nextTimeouts(page.items().stream().map(Job::id).toList());
        Instant now = clock.instant();
        Map<String, Boolean> admins = new HashMap<>();
        Predicate<String> isAdmin = owner -> admins.computeIfAbsent(owner, users::isAdmin);
        return page.map(job -> JobView.of(job, schedules.of(job), live, now, shown(job, isAdmin)));
    }

    private JobView.Shown shown(Job job, Predicate<String> isAdmin) {
        return new JobView.Shown(catalog.maskedArgs(job), catalog.maskedKwargs(job), jobs.classRules(job, isAdmin));
    }
}
