package io.texium.scheduler.executions.control;

import com.mongodb.MongoException;
import io.texium.scheduler.cluster.control.Downtime;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.jobs.control.JobSchedules;
import io.texium.scheduler.jobs.entity.Job;
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
 * its timer was armed. Each job gets one {@code missed} entry with the count and the first and last due time,
 * never one per lost second; its id is the same on every instance, so instances starting together record it once.
 */
@ApplicationScoped
public class MissedFires {

    private static final Logger LOG = Logger.getLogger(MissedFires.class.getName());
    /** The most due times counted per job: past it the count says "at least". */
    static final int MAX_COUNT = 100_000;

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
        List<Execution> entries = new ArrayList<>();
        for (Armed armed : firstArmed.values()) {
            missed(armed, downtime.get(), adopted.get(armed.job().id())).ifPresent(m -> entries.add(claims.missedEntry(armed.job(), m, now,
                    "no scheduler instance was running from " + downtime.get().from() + " to " + downtime.get().until())));
        }
        try {
            for (int i = 0; i < entries.size(); i += 1000) {
                writes.record(entries.subList(i, Math.min(entries.size(), i + 1000)));
            }
            done = true;
            firstArmed.clear();
            if (!entries.isEmpty()) {
                LOG.warning(() -> entries.size() + " job(s) missed fires while no instance ran; see their missed executions");
            }
        } catch (MongoException e) {
            LOG.log(Level.WARNING, "could not record the fires missed during the downtime; trying at the next rebuild", e);
        }
    }

    /** A claimed run of a gone instance is adopted here: it runs, so neither it nor what came before is missed. */
    void adopted(Execution execution) {
        adopted.merge(execution.jobId(), execution.scheduledTime(), (a, b) -> a.isAfter(b) ? a : b);
    }

    /**
     * The due times of one job between the downtime's start (or its last run, or its latest claimed fire) and the
     * arming of its timer.
     */
    private Optional<Claims.Missed> missed(Armed armed, Downtime downtime, Instant lastClaimed) {
        Job job = armed.job();
        Instant from = latest(downtime.from(), job.createdAt(), job.lastRunTime(), lastClaimed);
        CronSchedule schedule = schedules.of(job);
        Claims.Missed tally = null;
        Instant t = from;
        for (int i = 0; i < MAX_COUNT; i++) {
            Optional<ZonedDateTime> next = schedule.nextFireTime(t);
            if (next.isEmpty() || !next.get().toInstant().isBefore(armed.at())) {
                break;
            }
            t = next.get().toInstant();
            tally = tally == null ? new Claims.Missed(job.id(), 1, t, t) : tally.plus(t);
        }
        return Optional.ofNullable(tally);
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
