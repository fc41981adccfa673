package io.texium.scheduler.jobs.control;

import io.texium.scheduler.audit.control.Auditable;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.access.Caller;
import io.texium.scheduler.users.control.Users;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.MongoStore;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.problems.InvalidRequestException;
import io.texium.scheduler.problems.NotFoundException;
import io.texium.scheduler.schedule.CronSchedule;
import io.texium.scheduler.schedule.ScheduleSpec;
import io.texium.scheduler.cluster.control.ChangeFeed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Date;
import java.util.Map;
import java.util.Objects;

/**
 * Creates, changes and removes jobs, keeping each job's timer in step with MongoDB: a failed save leaves
 * no timer behind, and a timer that cannot be armed undoes the save. Every change raises the job's version and
 * is announced on the change feed, so the other instances re-arm within a second.
 */
@ApplicationScoped
public class Jobs {

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 4000;

    @Inject
    JobRepository repository;

    @Inject
    JobTimer timers;

    @Inject
    JobSchedules schedules;

    @Inject
    ChangeFeed changes;

    @Inject
    JobIndex index;

    @Inject
    JobCatalog catalog;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @Inject
    Users users;

    @Inject
    MongoStore mongo;

    @Inject
    Event<JobEvent> events;

    @Inject
    JobQuotas quotas;

    /** The job, if the caller may see it: their own, or any for an admin; otherwise 404. */
    public Job find(String jobId) {
        String id = Ids.require("job", jobId);
        Job job = repository.findById(id).orElseThrow(() -> new NotFoundException("job", jobId));
        caller.requireVisible(job.userId(), "job", jobId);
        return job;
    }

    public Job create(JobRequest request) {
        Instant now = clock.instant();
        Job job = new Job().id(Ids.newId()).enabled(true).paused(false)
                .schedule(ScheduleSpec.NONE.withTimezone("UTC")).pubArgs(List.of()).pubKwargs(Map.of())
                .createdAt(now).totalExecutions(0);
        request.applyTo(job);
        job.userId(caller.ownerFor(job.userId()));
        CronSchedule schedule = validate(job, true, now);
        quotas.requireRoomFor(job.userId());
        job.updatedAt(now);
        events.fire(JobEvent.of(JobEvent.Kind.ADDED, job));
        repository.insert(job);
        try {
            timers.apply(job, schedule);
        } catch (RuntimeException e) {
            repository.deleteById(job.id());
            throw e;
        }
        index.put(job);
        changes.publish("job", job.id());
        return job;
    }

    public Job update(String jobId, JobRequest request) {
        Job previous = find(jobId);
        Job job = find(jobId);
        Instant now = clock.instant();
        request.applyTo(job);
        if (!Objects.equals(job.userId(), previous.userId())) {
            job.userId(caller.ownerFor(job.userId()));
        }
        CronSchedule schedule = validate(job, request.changesSchedule(), now);
        if (!Objects.equals(job.userId(), previous.userId())) {
            quotas.requireRoomFor(job.userId());
        }
        job.updatedAt(now);
        events.fire(new JobEvent(JobEvent.Kind.MODIFIED, job, Auditable.diff(JobSnapshot.of(previous), JobSnapshot.of(job))));
        saveAndArm(job, schedule, previous);
        return job;
    }

    public Job pause(String jobId) {
        return setPaused(jobId, true);
    }

    public Job resume(String jobId) {
        return setPaused(jobId, false);
    }

    /** Removes the job, then its timer: a timer left by a failure here finds no job and is reconciled away. */
    public Job delete(String jobId) {
        Job job = find(jobId);
        events.fire(JobEvent.of(JobEvent.Kind.DELETED, job));
        repository.deleteById(job.id());
        timers.cancel(job.id());
        index.remove(job.id());
        changes.publish("job", job.id());
        return job;
    }

    private Job setPaused(String jobId, boolean paused) {
        Job previous = find(jobId);
        if (previous.paused() == paused) {
            return previous;
        }
        Job job = find(jobId).paused(paused).updatedAt(clock.instant());
        events.fire(JobEvent.of(paused ? JobEvent.Kind.PAUSED : JobEvent.Kind.RESUMED, job));
        saveAndArm(job, schedules.of(job), previous);
        return job;
    }

    private Job saveAndArm(Job job, CronSchedule schedule, Job previous) {
        job.nextRunTime(next(schedule, job));
        store(job);
        try {
            timers.apply(job, schedule);
        } catch (RuntimeException e) {
            store(previous);
            try {
                timers.apply(previous, schedules.of(previous));
            } catch (RuntimeException again) {
                // the timer service still refuses: the stored job is the previous one, and reconcile re-arms it
                e.addSuppressed(again);
            }
            throw e;
        }
        index.put(job);
        changes.publish("job", job.id());
        return job;
    }

    /**
     * Writes the fields a client changes, and only those: a run that ends meanwhile counts itself with
     * {@code $inc} on the same document, and a whole-document replace would undo it.
     */
    private void store(Job job) {
        job.version(job.version() + 1);
        List<Bson> fields = new ArrayList<>();
        fields.add(Updates.inc("version", 1L));
        JobSnapshot.of(job).forEach((name, value) -> fields.add(Updates.set(name, value)));
        fields.add(Updates.set("updated_at", Date.from(job.updatedAt())));
        fields.add(Updates.set("next_run_time", job.nextRunTime() == null ? null : Date.from(job.nextRunTime())));
        mongo.database().getCollection(JobDocuments.COLLECTION)
                .updateOne(Filters.eq("_id", new ObjectId(job.id())), Updates.combine(fields));
    }

    /**
     * Checks the whole job, reporting every problem at once. A new or rescheduled job must have a fire ahead;
     * a job sent as a crontab line also stores the equivalent fields, for reading.
     */
    private CronSchedule validate(Job job, boolean scheduleChanged, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        if (job.userId() == null) {
            problems.add(new FieldProblem("user_id", "is required"));
        } else {
            users.findById(job.userId()).ifPresentOrElse(owner -> job.userId(owner.id()),
                    () -> problems.add(new FieldProblem("user_id", "no user has the id '" + job.userId() + "'")));
        }
        if (job.name() == null) {
            problems.add(new FieldProblem("name", "is required"));
        } else if (job.name().length() > MAX_NAME) {
            problems.add(new FieldProblem("name", "must be at most " + MAX_NAME + " characters"));
        }
        if (job.description() != null && job.description().length() > MAX_DESCRIPTION) {
            problems.add(new FieldProblem("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        if (job.jobClassString() == null) {
            problems.add(new FieldProblem("job_class_string", "is required"));
        } else if (catalog.find(job.jobClassString()).isEmpty()) {
            problems.add(new FieldProblem("job_class_string", "unknown job class '" + job.jobClassString()
                    + "'; GET /api/scheduler/available-jobs lists the known ones"));
        }
        CronSchedule schedule = JobSchedule.check(job.schedule(), scheduleChanged ? now : null, problems);
        if (schedule != null && scheduleChanged) {
            quotas.checkInterval(job.schedule(), schedule, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        job.schedule(job.schedule().showing(schedule).withTimezone(schedule.zone().getId()));
        job.nextRunTime(next(schedule, job));
        return schedule;
    }

    private Instant next(CronSchedule schedule, Job job) {
        if (!job.enabled() || job.paused()) {
            return null;
        }
        return schedule.nextFireTime(clock.instant()).map(ZonedDateTime::toInstant).orElse(null);
    }
}
