package io.texium.scheduler.timers.control;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.jobs.entity.RecentFire;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One job timer as the timers view shows it: the timer as the EJB timer service has it (expression, next timeout,
 * persistence, when it was armed), whether it is {@code exact} (false: the expression is wider than the schedule, each
 * timeout checked against the schedule engine), the instance that holds it and the job's owners (the primary first);
 * and what no server shows: the job behind it (name, owner, schedule in words, paused), its last fire and the lag of
 * its recent fires (newest first), all read with the job.
 */
public record TimerView(String jobId, String jobName, Map<String, Object> expression, String timezone,
                        Instant nextTimeout, boolean persistent, Boolean exact, Instant armedAt, String instance,
                        List<String> owners, String owner, String ownerName, String scheduleDescription, Boolean paused,
                        @JsonbNillable LastFire lastFire, List<Long> recentLagMs) {

    /** The last fire of the schedule that ran: its execution, when it was due, when it started, how it ended. */
    public record LastFire(String executionId, Instant scheduledTime, Instant startedAt, String status) {
    }

    /**
     * The view of a timer held by {@code instance} for {@code job} (null when the job is gone meanwhile: then only the
     * timer is shown), described as {@code description} says and owned by the user named {@code ownerName}.
     */
    static TimerView of(JobTimers.TimerInfo timer, String instance, List<String> owners, Job job, String description,
                        String ownerName) {
        List<RecentFire> fires = job == null ? List.of() : job.recentFires();
        return new TimerView(timer.jobId(), job == null ? null : job.name(), timer.expression(),
                (String) timer.expression().get("timezone"), timer.nextTimeout(), timer.persistent(), timer.exact(),
                timer.armedAt(), instance, owners, job == null ? null : job.userId(), ownerName, description,
                job == null ? null : job.paused(), lastFire(fires), recentLags(fires));
    }

    /** The newest of the recent fires (kept oldest first), or null when the job has none yet. */
    static LastFire lastFire(List<RecentFire> fires) {
        if (fires.isEmpty()) {
            return null;
        }
        RecentFire last = fires.get(fires.size() - 1);
        return new LastFire(last.executionId(), last.scheduledTime(), last.startedAt(), last.status());
    }

    /** The lags of the recent fires that started, newest first, at most {@code 10}. */
    static List<Long> recentLags(List<RecentFire> fires) {
        List<Long> lags = new ArrayList<>();
        for (int i = fires.size() - 1; i >= 0 && lags.size() < 10; i--) {
            Long lag = fires.get(i).lagMillis();
            if (lag != null) {
                lags.add(lag);
            }
        }
        return lags;
    }
}
