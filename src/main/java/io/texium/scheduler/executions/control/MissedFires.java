package io.texium.scheduler.executions.control;

import com.mongodb.MongoException;
import io.texium.scheduler.cluster.control.Downtime;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.jobs.control.JobSchedules;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.schedule.CronSchedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds, once after a start, the fires that fell due while no instance ran: for each job whose timer this start
 * armed, the due times after the last moment any instance was alive (or the job's last run, if later) and before
 * its timer was armed. The job's policy decides: fires within its {@code misfire_grace_seconds} run now, once
 * ({@code coalesce}, the others one {@code skipped} entry) or each (at most {@value #MAX_CATCH_UP_RUNS}); older ones
 * get one {@code missed} entry per job with the count and the first and last due time, never one per lost second.
 * Every id is the same on every instance, so instances starting together record and run each once.
 */
@ApplicationScoped
public class MissedFires {

    private static final Logger LOG = Logger.getLogger(MissedFires.class.getName());
    /** The most due times counted per job: past it the count says "at least". */
    static final int MAX_COUNT = 100_000;
    /** The most fires of one job run after a downtime without coalescing; older ones are missed. */
    static final int MAX_CATCH_UP_RUNS = 1_000;

    @Inject
    Instances instances;

    @Inject
    JobSchedules schedules;

    @Inject
    ExecutionWrites writes;

    @Inject
    Claims claims;

    @Inject
    Clock clock;

    private final Map<String, Armed> firstArmed = new ConcurrentHashMap<>();
    private final Map<String, Instant> adopted = new ConcurrentHashMap<>();
    private volatile boolean done;

    private record Armed(Job job, Instant at) {
    }

    void armed(Job job, Instant at) {
        if (!done && instances.downtime().isPresent()) {
            firstArmed.putIfAbsent(job.id(), new Armed(job, at));
        }
    }

    /** Records the missed entries of the downtime, once. */
    void record() {
        Optional<Downtime> downtime = instances.downtime();
        if (done || downtime.isEmpty()) {
            done = true;
            return;
        }
        Instant now = clock.instant();
        String why = "no scheduler instance was running from " + downtime.get().from() + " to " + downtime.get().until();
        List<Execution> entries = new ArrayList<>();
        List<Execution> skipped = new ArrayList<>();
        List<Execution> runs = new ArrayList<>();
        Map<String, Job> jobs = new java.util.HashMap<>();
        for (Armed armed : firstArmed.values()) {
            Job job = armed.job();
            CatchUp catchUp = catchUp(job, dueTimes(armed, downtime.get(), adopted.get(job.id())), now);
            catchUp.missed().ifPresent(m -> entries.add(claims.missedEntry(job, m, now, why
                    + "; the fires were due longer ago than the job's misfire_grace_seconds (" + job.policy().misfireGraceSeconds() + " s)")));
            catchUp.coalesced().ifPresent(c -> skipped.add(claims.skippedEntry(job, Ids.forFire(job.id() + ":coalesced", c.first()),
                    c.first(), c.last(), c.count(), "coalesced: " + c.count() + " fire(s) fell due while " + why
                            + ", and ran once, as the run due at " + catchUp.run().getLast(), now)));
            for (Instant due : catchUp.run()) {
                runs.add(claims.scheduled(job, Ids.forFire(job.id(), due), "catch_up", due, now));
                jobs.put(job.id(), job);
            }
        }
        try {
            for (int i = 0; i < entries.size(); i += 1000) {
                writes.record(entries.subList(i, Math.min(entries.size(), i + 1000)));
            }
            for (int i = 0; i < skipped.size(); i += 1000) {
                writes.skipFires(skipped.subList(i, Math.min(skipped.size(), i + 1000)));
            }
            for (int i = 0; i < runs.size(); i += 1000) {
                claims.runLate(runs.subList(i, Math.min(runs.size(), i + 1000)), jobs);
            }
            done = true;
            firstArmed.clear();
            if (!entries.isEmpty() || !runs.isEmpty()) {
                LOG.warning(() -> entries.size() + " job(s) missed fires while no instance ran, " + runs.size()
                        + " fire(s) within their job's misfire grace run now; see their executions");
            }
        } catch (MongoException e) {
            LOG.log(Level.WARNING, "could not record the fires missed during the downtime; trying at the next rebuild", e);
        }
    }

    /** What becomes of a job's fires due while no instance ran: which run now, which are coalesced, which missed. */
    record CatchUp(List<Instant> run, Optional<Claims.Missed> coalesced, Optional<Claims.Missed> missed) {
    }

    /** Applies the job's misfire grace and coalesce to its due times (oldest first) at {@code now}. */
    static CatchUp catchUp(Job job, List<Instant> dues, Instant now) {
        Instant graceEnd = now.minusSeconds(job.policy().misfireGraceSeconds());
        Claims.Missed missed = null;
        List<Instant> within = new ArrayList<>();
        for (Instant due : dues) {
            if (due.isBefore(graceEnd)) {
                missed = missed == null ? new Claims.Missed(job.id(), 1, due, due) : missed.plus(due);
            } else {
                within.add(due);
            }
        }
        if (within.isEmpty()) {
            return new CatchUp(List.of(), Optional.empty(), Optional.ofNullable(missed));
        }
        if (job.policy().coalesce()) {
            Claims.Missed rolled = null;
            for (Instant due : within.subList(0, within.size() - 1)) {
                rolled = rolled == null ? new Claims.Missed(job.id(), 1, due, due) : rolled.plus(due);
            }
            return new CatchUp(List.of(within.getLast()), Optional.ofNullable(rolled), Optional.ofNullable(missed));
        }
        List<Instant> run = within.subList(Math.max(0, within.size() - MAX_CATCH_UP_RUNS), within.size());
        for (Instant due : within.subList(0, within.size() - run.size())) {
            missed = missed == null ? new Claims.Missed(job.id(), 1, due, due) : missed.plus(due);
        }
        return new CatchUp(List.copyOf(run), Optional.empty(), Optional.ofNullable(missed));
    }

    /** A claimed run of a gone instance is adopted here: it runs, so neither it nor what came before is missed. */
    void adopted(Execution execution) {
        adopted.merge(execution.jobId(), execution.scheduledTime(), (a, b) -> a.isAfter(b) ? a : b);
    }

    /**
     * The due times of one job, oldest first, between the downtime's start (or its last run, or its latest claimed
     * fire) and the arming of its timer; at most {@value #MAX_COUNT}.
     */
    private List<Instant> dueTimes(Armed armed, Downtime downtime, Instant lastClaimed) {
        Job job = armed.job();
        Instant from = latest(downtime.from(), job.createdAt(), job.lastRunTime(), lastClaimed);
        CronSchedule schedule = schedules.of(job);
        List<Instant> dues = new ArrayList<>();
        Instant t = from;
        for (int i = 0; i < MAX_COUNT; i++) {
            Optional<ZonedDateTime> next = schedule.nextFireTime(t);
            if (next.isEmpty() || !next.get().toInstant().isBefore(armed.at())) {
                break;
            }
            t = next.get().toInstant();
            dues.add(t);
        }
        return dues;
    }

    private static Instant latest(Instant... instants) {
        Instant latest = null;
        for (Instant i : instants) {
            if (i != null && (latest == null || i.isAfter(latest))) {
                latest = i;
            }
        }
        return latest;
    }
}
