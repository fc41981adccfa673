package io.texium.scheduler.jobs.control;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.schedule.CronSchedule;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * What the jobs feature needs from the timers that say when jobs fire: arm a job's timer from its schedule,
 * remove it, and read the next timeouts. The EJB timer adapter implements it; jobs know nothing of EJB.
 */
public interface JobTimer {

    /** Arms (or re-arms) the job's timer, or removes it when the job is not active or has no fire left. */
    void apply(Job job, CronSchedule schedule);

    /** Removes the job's timer, if it has one. */
    void cancel(String jobId);

    /** The next timeout of each of these jobs' live timers (jobs without a timer are absent). */
    Map<String, Instant> nextTimeouts(Collection<String> jobIds);
}
