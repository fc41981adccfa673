package io.texium.scheduler.timers.control;

import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.cluster.control.Owners;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.jobs.control.JobSchedules;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.problems.NotFoundException;
import io.texium.scheduler.users.control.UserQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pages of timer views: this instance's live timers, another's (from the snapshot it publishes) or all (this one
 * first), by instance then job id. A page costs a fixed number of store queries whatever its size: the snapshot chunk
 * it falls in (another instance's), the page's jobs by id (with their recent fires) and their owners' names.
 */
@ApplicationScoped
public class TimerViews {

    /** The {@code instance} that names every instance. */
    public static final String ALL = "all";

    @Inject
    JobTimers timers;

    @Inject
    TimerSnapshots snapshots;

    @Inject
    Instances instances;

    @Inject
    JobQueries jobs;

    @Inject
    JobSchedules schedules;

    @Inject
    UserQueries users;

    /** A page of views and how many timers the instances asked hold in all. */
    public record Page(List<TimerView> views, long total) {
    }

    /** Where a page's timers come from: this instance's live timers, or another's published snapshot. */
    public record Source(String instance, boolean local) {
    }

    /** A page of the timers of the instances {@code instance} names (one job's timer when {@code jobId} is given). */
    public Page page(String instance, String jobId, long skip, int limit) {
        List<TimerInfoAt> found = new ArrayList<>();
        Map<String, Job> read = new HashMap<>();
        long total = 0;
        for (Source source : sources(instance)) {
            long size = jobId != null ? 1 : source.local() ? timers.count() : snapshots.total(source.instance());
            if (jobId == null && skip >= size) {
                skip -= size;
                total += size;
                continue;
            }
            int room = limit - found.size();
            List<JobTimers.TimerInfo> some = source.local() ? timers.timers(jobId, (int) skip, room)
                    : remote(source, jobId, skip, room, read);
            if (jobId != null) {
                size = some.size();
            }
            some.forEach(t -> found.add(new TimerInfoAt(t, source.instance())));
            total += size;
            skip = 0;
        }
        return new Page(views(found, read), total);
    }

    /** This instance's timer of the job as it is now, or null when it holds none. */
    public TimerView local(String jobId) {
        var here = timers.timers(jobId, 0, 1);
        return here.isEmpty() ? null : views(List.of(new TimerInfoAt(here.get(0), instances.id())), Map.of()).get(0);
    }

    private record TimerInfoAt(JobTimers.TimerInfo info, String instance) {
    }

    /** The views of these timers: their jobs in one query (those not {@code read} already), their owners' names in another. */
    private List<TimerView> views(List<TimerInfoAt> found, Map<String, Job> read) {
        if (found.isEmpty()) {
            return List.of();
        }
        Owners owners = instances.owners();
        Map<String, Job> byId = new HashMap<>(read);
        List<String> unread = found.stream().map(t -> t.info().jobId()).filter(id -> !read.containsKey(id)).toList();
        if (!unread.isEmpty()) {
            byId.putAll(jobs.byIds(unread));
        }
        Map<String, String> names = users.usernames(byId.values().stream().map(Job::userId).toList());
        return found.stream().map(t -> {
            Job job = byId.get(t.info().jobId());
            String description = job == null ? null : describe(job);
            return TimerView.of(t.info(), t.instance(), owners.of(t.info().jobId()), job, description,
                    job == null ? null : names.get(job.userId()));
        }).toList();
    }

    private String describe(Job job) {
        try {
            return schedules.of(job).describe();
        } catch (RuntimeException unreadable) {
            return null; // a schedule stored before a rule existed: the view still shows the timer
        }
    }

    /** This instance, another registered one, or all of them (this one first); 404 for an instance not known. */
    public List<Source> sources(String instance) {
        String self = instances.id();
        if (instance == null || instance.isBlank() || instance.equals(self)) {
            return List.of(new Source(self, true));
        }
        List<Source> sources = new ArrayList<>();
        for (var known : instances.list()) {
            boolean live = !"left".equals(known.state());
            if (known.self() && ALL.equals(instance)) {
                sources.add(0, new Source(self, true));
            } else if (live && (ALL.equals(instance) || known.id().equals(instance))) {
                sources.add(new Source(known.id(), false));
            }
        }
        if (sources.isEmpty() && !ALL.equals(instance)) {
            throw new NotFoundException("instance", instance);
        }
        if (sources.stream().noneMatch(Source::local) && ALL.equals(instance)) {
            sources.add(0, new Source(self, true));
        }
        return sources;
    }

    /** Another instance's timers from its snapshot, described from the jobs as stored. */
    private List<JobTimers.TimerInfo> remote(Source source, String jobId, long skip, int limit, Map<String, Job> read) {
        List<String> ids;
        if (jobId != null) {
            ids = snapshots.holds(source.instance(), jobId) ? List.of(jobId) : List.of();
        } else if (limit <= 0) {
            return List.of();
        } else {
            ids = snapshots.page(source.instance(), skip, limit).jobIds();
        }
        Map<String, Job> stored = jobs.byIds(ids);
        read.putAll(stored);
        return ids.stream().map(stored::get).filter(Objects::nonNull).map(timers::described).toList();
    }
}
