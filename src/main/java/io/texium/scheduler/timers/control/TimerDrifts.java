package io.texium.scheduler.timers.control;

import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.cluster.control.Owners;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.jobs.control.JobSchedules;
import io.texium.scheduler.jobs.entity.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How an instance's timers differ from the jobs it should hold. This instance's drift is exact (its armed timers
 * against the active jobs' versions, {@link JobTimers.Drift}). Another instance's timers cannot be read from here, so
 * its drift compares the snapshot it publishes on its heartbeat with the active jobs it owns by {@link Owners}: a job it
 * should hold but did not publish is missing, one it published but should not hold (inactive, or owned by others) an
 * orphan. A snapshot carries no versions, so another instance's stale timers are not known (always empty), and a job
 * changed within the last heartbeat can show until the next snapshot.
 */
@ApplicationScoped
public class TimerDrifts {

    /** Where a drift was read from. */
    public static final String LIVE = "live";
    public static final String SNAPSHOT = "snapshot";
    /** The instance published no snapshot (it was the only owner): its drift is not known here. */
    public static final String NONE = "none";

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
    Clock clock;

    /** One instance's drift: each list in id order; {@code publishedAt}: when the snapshot compared was written. */
    public record InstanceDrift(String instance, String source, Instant publishedAt, List<String> missing,
                                List<String> orphans, List<String> stale) {
        public boolean none() {
            return missing.isEmpty() && orphans.isEmpty() && stale.isEmpty();
        }
    }

    /** The drift of each of these instances (as {@link TimerViews#sources} names them). */
    public List<InstanceDrift> of(List<TimerViews.Source> sources) {
        List<InstanceDrift> drifts = new ArrayList<>();
        Map<String, Long> active = null;
        for (TimerViews.Source source : sources) {
            if (source.local()) {
                JobTimers.Drift drift = timers.drift();
                drifts.add(new InstanceDrift(source.instance(), LIVE, null, drift.missing(), drift.orphans(), drift.stale()));
            } else {
                if (active == null) {
                    active = jobs.activeVersions();
                }
                drifts.add(remote(source.instance(), active.keySet()));
            }
        }
        return drifts;
    }

    private InstanceDrift remote(String instance, Collection<String> active) {
        var snapshot = snapshots.page(instance, 0, Integer.MAX_VALUE);
        if (snapshot.publishedAt() == null) {
            return new InstanceDrift(instance, NONE, null, List.of(), List.of(), List.of());
        }
        Owners owners = instances.owners();
        var drift = compare(new HashSet<>(snapshot.jobIds()), active, id -> owners.owns(instance, id));
        List<String> missing = withFiresLeft(drift.missing());
        return new InstanceDrift(instance, SNAPSHOT, snapshot.publishedAt(), missing, drift.orphans(), List.of());
    }

    /**
     * The published timers ({@code held}) against the active jobs the instance {@code owns}: missing the owned active
     * jobs not held, orphans the held ones that are not owned active jobs; each list in id order, no stale ones.
     */
    static JobTimers.Drift compare(Set<String> held, Collection<String> active, Predicate<String> owns) {
        Set<String> should = new HashSet<>();
        for (String id : active) {
            if (owns.test(id)) {
                should.add(id);
            }
        }
        List<String> missing = should.stream().filter(id -> !held.contains(id)).sorted().toList();
        List<String> orphans = held.stream().filter(id -> !should.contains(id)).sorted().toList();
        return new JobTimers.Drift(missing, orphans, List.of());
    }

    /** Drops the jobs whose schedule has no fire left (they hold no timer anywhere), a thousand at a time. */
    private List<String> withFiresLeft(List<String> ids) {
        List<String> left = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < ids.size(); i += 1000) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 1000));
            Map<String, Job> stored = jobs.byIds(chunk);
            for (String id : chunk) {
                Job job = stored.get(id);
                if (job != null && schedules.of(job).nextFireTime(now).isPresent()) {
                    left.add(id);
                }
            }
        }
        return left;
    }
}
