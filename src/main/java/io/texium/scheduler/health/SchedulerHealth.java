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

    /** A snapshot; {@code status} is UP when the store answers and every active job has its timer. */
    public record Report(String status, boolean storeReachable, int timerCount, List<String> jobsWithoutTimer,
                         List<String> timersWithoutJob) {
    }

    public Report report() {
        boolean reachable = store.reachable();
        int count = timers.timers().size();
        if (!reachable) {
            return new Report("DOWN", false, count, List.of(), List.of());
        }
        var drift = timers.drift();
        boolean up = drift.missing().isEmpty();
        return new Report(up ? "UP" : "DOWN", true, count, drift.missing(), drift.orphans());
    }

    public boolean timerServiceAlive() {
        try {
            timers.timers();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
