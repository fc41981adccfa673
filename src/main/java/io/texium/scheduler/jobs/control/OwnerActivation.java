package io.texium.scheduler.jobs.control;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.users.control.UserActivation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A user's jobs when the user is deactivated or made active again, on each instance: their timers are removed, or
 * armed again from the jobs as stored. The jobs themselves do not change (no version, no audit entry: the user's
 * change is the one entry), so reactivating restores exactly what was paused or running before.
 */
@ApplicationScoped
class OwnerActivation {

    private static final Logger LOG = Logger.getLogger(OwnerActivation.class.getName());

    @Inject
    JobQueries queries;

    @Inject
    JobTimer timers;

    @Inject
    JobSchedules schedules;

    void on(@Observes UserActivation activation) {
        for (Job job : queries.ownedBy(activation.userId())) {
            try {
                if (activation.active()) {
                    timers.apply(job, schedules.of(job));
                } else {
                    timers.cancel(job.id());
                }
            } catch (RuntimeException e) {
                // the user's change is stored; the minute's reconcile brings this timer in line with it
                LOG.log(Level.SEVERE, "could not " + (activation.active() ? "arm" : "remove") + " the timer of job "
                        + job.id() + " of user " + activation.userId(), e);
            }
        }
    }
}
