package io.texium.scheduler.jobs.control;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.problems.NotFoundException;
import io.texium.scheduler.users.control.OwnedByUser;
import io.texium.scheduler.users.control.UserRemoval;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/** A user's jobs in that user's deletion: counted first, then deleted one by one with their timers, each audited. */
@ApplicationScoped
class OwnedJobs {

    @Inject
    Jobs jobs;

    @Inject
    JobQueries queries;

    void count(@Observes @Priority(100) OwnedByUser owned) {
        owned.report("job", queries.count(owned.userId(), null, null));
    }

    /** Page after page: each delete shrinks the list, so the first page is always the next one. */
    void delete(@Observes @Priority(100) UserRemoval removal) {
        var firstPage = new PageRequest(1, PageRequest.MAX_SIZE);
        List<Job> owned;
        while (!(owned = queries.list(new JobQueries.Filter(removal.userId(), null, null), firstPage).items()).isEmpty()) {
            for (Job job : owned) {
                try {
                    jobs.delete(job.id(), null);
                } catch (NotFoundException alreadyGone) {
                    // deleted meanwhile by someone else: what we wanted
                }
            }
        }
    }
}
