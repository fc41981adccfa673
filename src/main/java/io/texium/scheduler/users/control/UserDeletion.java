package io.texium.scheduler.users.control;

import io.texium.scheduler.audit.control.AuditLog;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.jobs.control.Jobs;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.problems.ConflictException;
import io.texium.scheduler.problems.NotFoundException;
import io.texium.scheduler.security.control.ApiTokens;
import io.texium.scheduler.security.control.Caller;
import io.texium.scheduler.servers.control.Servers;
import io.texium.scheduler.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Deletes a user (admin only, never oneself). A user who still owns jobs or servers is a conflict unless the
 * deletion cascades, which deletes those first (jobs with their timers); the user's API tokens always go too.
 */
@ApplicationScoped
public class UserDeletion {

    @Inject
    Users users;

    @Inject
    UserRepository repository;

    @Inject
    Caller caller;

    @Inject
    AuditLog audit;

    @Inject
    Jobs jobs;

    @Inject
    JobQueries jobQueries;

    @Inject
    Servers servers;

    @Inject
    ApiTokens tokens;

    public User delete(String userId, boolean cascade) {
        caller.requireAdmin();
        User user = users.find(userId);
        if (user.id().equals(caller.id())) {
            throw new ConflictException("you cannot delete yourself; another admin can");
        }
        long ownedJobs = jobQueries.count(user.id(), null, null);
        long ownedServers = servers.countOf(user.id());
        if (!cascade && ownedJobs + ownedServers > 0) {
            throw new ConflictException("user '" + user.username() + "' owns " + ownedJobs + " job(s) and " + ownedServers
                    + " server(s); delete them first, or delete with cascade=true to delete them too");
        }
        // the user goes last: a failure half-way leaves a user with less, and a repeat finishes the work
        deleteJobsOf(user.id());
        servers.deleteAllOf(user.id());
        tokens.deleteAllOf(user.id());
        repository.deleteById(user.id());
        var changes = new LinkedHashMap<>(AuditLog.diff(UserSnapshot.of(user), null));
        if (ownedJobs + ownedServers > 0) {
            changes.put("owned_jobs", new AuditLog.Change(ownedJobs, 0L));
            changes.put("owned_servers", new AuditLog.Change(ownedServers, 0L));
        }
        audit.record("user_deleted", "user", user.id(), user.username(), user.id(), changes);
        return user;
    }

    /** Page after page: each delete shrinks the list, so the first page is always the next one. Jobs audits each. */
    private void deleteJobsOf(String userId) {
        var firstPage = new PageRequest(1, PageRequest.MAX_SIZE);
        List<Job> owned;
        while (!(owned = jobQueries.list(new JobQueries.Filter(userId, null, null), firstPage).items()).isEmpty()) {
            for (Job job : owned) {
                try {
                    jobs.delete(job.id());
                } catch (NotFoundException alreadyGone) {
                    // deleted meanwhile by someone else: what we wanted
                }
            }
        }
    }
}
