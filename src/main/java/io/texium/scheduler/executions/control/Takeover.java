package io.texium.scheduler.executions.control;

import com.mongodb.MongoException;
import io.texium.scheduler.cluster.control.InstanceGone;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.jobs.control.JobRunCounts;
import io.texium.scheduler.jobs.entity.ActiveRun;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.StoreAvailable;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;

/**
 * Takes over the work of an instance that is gone, once: its {@code running} executions end {@code failed}
 * ("instance lost"), and its {@code scheduled} ones (claimed, never started) are run here. At start-up the same
 * happens for every instance that holds unfinished executions but is no longer registered.
 */
@ApplicationScoped
public class Takeover {

    private static final Logger LOG = Logger.getLogger(Takeover.class.getName());
    static final int PAGE = 1_000;

    @Inject
    ExecutionWrites writes;

    @Inject
    Instances instances;

    @Inject
    JobQueries jobs;

    @Inject
    Workers workers;

    @Inject
    JobRunCounts runCounts;

    @Inject
    MissedFires missedFires;

    @Inject
    Clock clock;

    void onGone(@Observes InstanceGone gone) {
        adopt(gone.instanceId(), gone.left()
                ? "the instance running it was stopped before the run ended"
                : "instance lost: the instance running it stopped sending heartbeats");
    }

    /** After the registry (which announces this instance) and before the timers: the work of unregistered holders. */
    void onStore(@Observes @Priority(Instances.PRIORITY + 50) StoreAvailable available) {
        if (!available.firstTime()) {
            return;
        }
        try {
            Set<String> registered = new HashSet<>();
            instances.list().stream().filter(i -> !"left".equals(i.state())).forEach(i -> registered.add(i.id()));
            for (String holder : writes.holders()) {
                if (holder != null && !registered.contains(holder)) {
                    adopt(holder, "instance lost: the instance running it is gone");
                }
            }
        } catch (MongoException e) {
            LOG.log(Level.WARNING, "could not look for the work of gone instances", e);
        }
    }

    private void adopt(String from, String reason) {
        Instant now = clock.instant();
        long failed = writes.failRunning(from, reason, now);
        long adopted = writes.reassign(from, ExecutionStatus.scheduled, instances.id());
        runCounts.releaseInstance(from);
        LOG.warning(() -> "took over from instance " + from + ": " + adopted + " queued run(s) adopted, "
                + failed + " running one(s) ended failed");
        if (adopted > 0) {
            load();
        }
    }

    /** Queues this instance's scheduled executions from the store, oldest due first; a duplicate of a queued one starts once. */
    void load() {
        List<Document> page = writes.scheduledOf(instances.id(), 100_000);
        List<Execution> executions = page.stream().map(ExecutionWrites::execution).toList();
        Map<String, Job> byId = jobs.byIds(executions.stream().map(Execution::jobId).toList());
        List<Run> runs = new ArrayList<>();
        List<Execution> orphans = new ArrayList<>();
        Map<String, List<ActiveRun>> active = new java.util.LinkedHashMap<>();
        for (Execution x : executions) {
            Job job = byId.get(x.jobId());
            missedFires.adopted(x);
            if (job == null) {
                orphans.add(x);
            } else {
                runs.add(new Run(x, job));
                active.computeIfAbsent(job.id(), id -> new ArrayList<>()).add(new ActiveRun(x.id(), instances.id()));
            }
        }
        runCounts.markActive(active);
        if (!orphans.isEmpty()) {
            writes.skip(orphans, "the job was deleted before the run could start");
        }
        workers.submit(runs);
    }
}
