package io.texium.scheduler.jobs.control;

import io.texium.scheduler.cluster.control.Changed;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.schedule.CronSchedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each job's parsed schedule, parsed once per job version and kept for the jobs that fire (least recently used
 * ones leave first): a fire, a view and a reconcile never parse the same schedule again.
 */
@ApplicationScoped
public class JobSchedules {

    static final int CAPACITY = 100_000;

    private record Parsed(long version, CronSchedule schedule) {
    }

    private final Map<String, Parsed> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
            return size() > CAPACITY;
        }
    };

    /** After a restore a job may be back at a version with another schedule: parse every schedule anew. */
    void onChange(@Observes Changed change) {
        if (change.restored()) {
            synchronized (cache) {
                cache.clear();
            }
        }
    }

    /** The job's schedule, from the cache when this version was parsed before. */
    public CronSchedule of(Job job) {
        synchronized (cache) {
            Parsed parsed = cache.get(job.id());
            if (parsed != null && parsed.version() == job.version()) {
                return parsed.schedule();
            }
        }
        CronSchedule schedule = JobSchedule.of(job.schedule());
        if (job.id() != null) {
            synchronized (cache) {
                cache.put(job.id(), new Parsed(job.version(), schedule));
            }
        }
        return schedule;
    }

    /** Keeps a schedule parsed elsewhere (on validation, on arming) for this job version. */
    public void put(Job job, CronSchedule schedule) {
        if (job.id() != null) {
            synchronized (cache) {
                cache.put(job.id(), new Parsed(job.version(), schedule));
            }
        }
    }

    /** The schedule last parsed for the job, whatever its version, if it is still cached. */
    public Optional<CronSchedule> cached(String jobId) {
        synchronized (cache) {
            Parsed parsed = cache.get(jobId);
            return parsed == null ? Optional.empty() : Optional.of(parsed.schedule());
        }
    }
}
