package io.texium.scheduler.health;

import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.timers.control.JobTimers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The scheduler's health in one place: is the store reachable, how many timers live, which jobs lack one. */
@ApplicationScoped
public class SchedulerHealth {

    @Inject
    MongoStore store;

    @Inject
    JobTimers timers;

    /**
     * A snapshot; {@code status} is UP while the store answers. Active jobs without a timer are listed, not
     * counted as DOWN: a job changed elsewhere waits up to a second (the change feed) or a minute (the reconcile).
     */
    public record Report(String status, boolean storeReachable, int timerCount, List<String> jobsWithoutTimer,
                         List<String> timersWithoutJob) {
    }

    public Report report() {
        int count = timers.count();
        if (!store.up()) {
            return new Report("DOWN", false, count, List.of(), List.of());
        }
        var drift = timers.drift();
        return new Report("UP", true, count, drift.missing(), drift.orphans());
    }

    public boolean timerServiceAlive() {
        try {
            return timers.alive();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
