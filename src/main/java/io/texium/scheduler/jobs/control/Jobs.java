package io.texium.scheduler.jobs.control;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.texium.scheduler.access.Caller;
import io.texium.scheduler.audit.control.Auditable;
import io.texium.scheduler.cluster.control.ChangeFeed;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.problems.InvalidRequestException;
import io.texium.scheduler.problems.NotFoundException;
import io.texium.scheduler.problems.PreconditionFailedException;
import io.texium.scheduler.schedule.CronSchedule;
import io.texium.scheduler.schedule.ScheduleSpec;
import io.texium.scheduler.users.control.Users;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * Creates, changes and removes jobs, keeping each job's timer in step with MongoDB: a failed save leaves
 * no timer behind, and a timer that cannot be armed undoes the save. Every change raises the job's version and
 * is announced on the change feed, so the other instances re-arm within a second.
 */
@ApplicationScoped
public class Jobs {

    private static final Logger LOG = Logger.getLogger(Jobs.class.getName());

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

    @Inject
    JobLimits limits;

    @Inject
    JobNotify notify;

    @Inject
    JobChains chains;

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
        CronSchedule schedule = validate(job, true, true, true, now);
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

    /**
     * Changes the fields the request names, and only those that differ from the stored job, in one atomic write:
     * a pause or a run count landing meanwhile is kept. With {@code expectedVersion} (a client's {@code If-Match})
     * the write happens only if the job is still at that version, else 412.
     */
    public Job update(String jobId, JobRequest request, Long expectedVersion) {
        Job previous = find(jobId);
        requireVersion(previous, expectedVersion);
        Job job = JobDocuments.copy(previous);
        Instant now = clock.instant();
        request.applyTo(job);
        catalog.keepSecrets(previous, job);
        job.notifySetting(JobNotify.keepSecrets(previous.notifySetting(), job.notifySetting()));
        if (!Objects.equals(job.userId(), previous.userId())) {
            job.userId(caller.ownerFor(job.userId()));
        }
        boolean ownerChanged = !Objects.equals(job.userId(), previous.userId());
        CronSchedule schedule = validate(job, request.changesSchedule(), request.changesArguments() || ownerChanged,
                request.changesChains() || ownerChanged, now);
        if (ownerChanged) {
            quotas.requireRoomFor(job.userId());
        }
        var changed = Auditable.diff(JobSnapshot.of(previous), JobSnapshot.of(job));
        events.fire(new JobEvent(JobEvent.Kind.MODIFIED, job, withSecretsMasked(changed, previous, job)));
        return saveAndArm(job, changed.keySet(), previous, expectedVersion);
    }

    public Job pause(String jobId, Long expectedVersion) {
        return setPaused(jobId, true, expectedVersion);
    }

    public Job resume(String jobId, Long expectedVersion) {
        return setPaused(jobId, false, expectedVersion);
    }

    /**
     * Removes the job, then its timer: a timer left by a failure here finds no job and is reconciled away. With
     * {@code expectedVersion}, only if the job is still at that version, else 412. Then the job leaves the chains
     * ({@code on_success}, {@code on_failure}) of every job that named it, each such change audited.
     */
    public Job delete(String jobId, Long expectedVersion) {
        Job job = find(jobId);
        requireVersion(job, expectedVersion);
        List<Job> chaining = chains.chainingTo(job.id());
        events.fire(JobEvent.of(JobEvent.Kind.DELETED, job));
        for (Job other : chaining) {
            events.fire(new JobEvent(JobEvent.Kind.MODIFIED, other,
                    Auditable.diff(JobSnapshot.of(other), JobSnapshot.of(JobChains.without(other, job.id())))));
        }
        Bson filter = Filters.eq("_id", new ObjectId(job.id()));
        if (expectedVersion != null) {
            filter = Filters.and(filter, Filters.eq("version", expectedVersion));
        }
        if (collection().deleteOne(filter).getDeletedCount() == 0 && expectedVersion != null) {
            throw changedMeanwhile(job.id());
        }
        timers.cancel(job.id());
        index.remove(job.id());
        changes.publish("job", job.id());
        if (!chaining.isEmpty()) {
            unchain(job.id(), chaining);
        }
        return job;
    }

    /**
     * Takes a deleted job out of the chains of the jobs that named it, and re-arms their timers at their new
     * version. A timer that cannot be re-armed here is left to the reconcile: the change itself is written.
     */
    private void unchain(String jobId, List<Job> chaining) {
        for (Job job : chains.unchain(jobId, chaining, clock.instant())) {
            try {
                timers.apply(job, schedules.of(job));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not re-arm job " + job.id() + " after a job it chained to was deleted;"
                        + " the reconcile re-arms it", e);
            }
            index.put(job);
            changes.publish("job", job.id());
        }
    }

    private Job setPaused(String jobId, boolean paused, Long expectedVersion) {
        Job previous = find(jobId);
        requireVersion(previous, expectedVersion);
        if (previous.paused() == paused) {
            return previous;
        }
        Job job = JobDocuments.copy(previous).paused(paused);
        events.fire(JobEvent.of(paused ? JobEvent.Kind.PAUSED : JobEvent.Kind.RESUMED, job));
        return saveAndArm(job, Set.of("is_paused"), previous, expectedVersion);
    }

    /**
     * Writes the changed fields, then arms the timer from the job as stored after the write (which includes
     * whatever landed meanwhile in the fields this change left alone). A timer that cannot be armed puts those
     * fields back as they were and re-arms the previous timer.
     */
    private Job saveAndArm(Job job, Set<String> fields, Job previous, Long expectedVersion) {
        Job stored = store(job, fields, expectedVersion);
        try {
            timers.apply(stored, schedules.of(stored));
        } catch (RuntimeException e) {
            Job restored = store(previous, fields, null);
            try {
                timers.apply(restored, schedules.of(restored));
            } catch (RuntimeException again) {
                // the timer service still refuses: the stored job is the previous one, and reconcile re-arms it
                e.addSuppressed(again);
            }
            throw e;
        }
        index.put(stored);
        changes.publish("job", stored.id());
        return stored;
    }

    /**
     * One atomic write of the named fields (by their API names), the new version and the time of the change; then
     * the next run time of the job as now stored. A run that ends meanwhile counts itself with {@code $inc} on the
     * same document, and a concurrent change of other fields stays: nothing is written that this change did not make.
     */
    private Job store(Job job, Set<String> fields, Long expectedVersion) {
        List<Bson> updates = new ArrayList<>();
        updates.add(Updates.inc("version", 1L));
        JobSnapshot.of(job).forEach((name, value) -> {
            if (fields.contains(name)) {
                updates.add(Updates.set(name, value));
            }
        });
        updates.add(Updates.set("updated_at", Date.from(clock.instant())));
        Bson filter = Filters.eq("_id", new ObjectId(job.id()));
        if (expectedVersion != null) {
            filter = Filters.and(filter, Filters.eq("version", expectedVersion));
        }
        Document after = collection().findOneAndUpdate(filter, Updates.combine(updates),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (after == null) {
            throw expectedVersion != null ? changedMeanwhile(job.id()) : new NotFoundException("job", job.id());
        }
        Job stored = JobDocuments.job(after);
        Instant next = next(schedules.of(stored), stored);
        if (!Objects.equals(next, stored.nextRunTime())) {
            // a later change writes its own; only this version's next run time is ours to set
            collection().updateOne(Filters.and(Filters.eq("_id", new ObjectId(job.id())), Filters.eq("version", stored.version())),
                    Updates.set("next_run_time", next == null ? null : Date.from(next)));
            stored.nextRunTime(next);
        }
        return stored;
    }

    private static void requireVersion(Job job, Long expectedVersion) {
        if (expectedVersion != null && job.version() != expectedVersion) {
            throw changedMeanwhile(job.id());
        }
    }

    private static PreconditionFailedException changedMeanwhile(String jobId) {
        return new PreconditionFailedException("job " + jobId + " changed since the version named in If-Match;"
                + " read it again (its ETag names the current version) and decide on the change anew");
    }

    private MongoCollection<Document> collection() {
        return mongo.database().getCollection(JobDocuments.COLLECTION);
    }

    /**
     * Checks the whole job, reporting every problem at once. A new or rescheduled job must have a fire ahead;
     * a job sent as a crontab line also stores the equivalent fields, for reading. The arguments are checked against
     * the job class when they, the class or the owner change: a job saved before a rule existed keeps running (its
     * view lists the rule as a warning) until it is changed there. The run policy's ranges are checked every time;
     * the chains (jobs the owner may see, no cycle) when they or the owner change.
     */
    private CronSchedule validate(Job job, boolean scheduleChanged, boolean argumentsChanged, boolean chainsChanged,
                                  Instant now) {
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
        } else if (argumentsChanged) {
            problems.addAll(classRules(job));
        }
        limits.checkArguments(job, problems);
        notify.check(job.notifySetting(), problems);
        JobPolicyFields.check(job, problems);
        if (chainsChanged && problems.stream().noneMatch(p -> p.field().equals("user_id"))) {
            chains.check(job, link -> caller.admin() || Objects.equals(caller.id(), link.userId()), problems);
        }
        boolean parse = !scheduleChanged || limits.scheduleFits(job.schedule(), problems);
        CronSchedule schedule = parse ? JobSchedule.check(job.schedule(), scheduleChanged ? now : null, problems) : null;
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

    /** The changes as the audit log keeps them: a secret argument that changed shows as a change of its mask. */
    private Map<String, Auditable.Change> withSecretsMasked(Map<String, Auditable.Change> changed, Job previous, Job job) {
        Map<String, Auditable.Change> masked = new java.util.LinkedHashMap<>(changed);
        masked.computeIfPresent("pub_args", (k, c) -> new Auditable.Change(catalog.maskedArgs(previous), catalog.maskedArgs(job)));
        masked.computeIfPresent("pub_kwargs", (k, c) -> new Auditable.Change(catalog.maskedKwargs(previous), catalog.maskedKwargs(job)));
        masked.computeIfPresent("notify", (k, c) -> new Auditable.Change(maskedNotify(previous), maskedNotify(job)));
        return masked;
    }

    private static Map<String, Object> maskedNotify(Job job) {
        return job.notifySetting() == null ? null : job.notifySetting().toMaskedMap();
    }

    /**
     * What the job's class refuses in the job as it stands: its arguments, and an owner who is not an administrator
     * for a class only administrators may use. A job's view lists these as warnings.
     */
    public List<FieldProblem> classRules(Job job) {
        return classRules(job, users::isAdmin);
    }

    /**
     * The same, asking {@code isAdmin} whether an owner is an administrator (only for an administrator-only class):
     * a page of views answers it once per owner, not once per job.
     */
    public List<FieldProblem> classRules(Job job, Predicate<String> isAdmin) {
        List<FieldProblem> problems = new ArrayList<>();
        if (catalog.adminOnly(job.jobClassString()) && !isAdmin.test(job.userId())) {
            problems.add(new FieldProblem("job_class_string", "only an administrator's job may use "
                    + job.jobClassString() + "; its owner is not an administrator"));
        }
        problems.addAll(catalog.problems(job));
        return problems;
    }

    private Instant next(CronSchedule schedule, Job job) {
        if (!job.enabled() || job.paused()) {
            return null;
        }
        return schedule.nextFireTime(clock.instant()).map(ZonedDateTime::toInstant).orElse(null);
    }
}
