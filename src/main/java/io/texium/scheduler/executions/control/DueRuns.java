package io.texium.scheduler.executions.control;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.jobs.control.JobRunCounts;
import io.texium.scheduler.jobs.entity.ActiveRun;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.Background;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.platform.StoreAvailable;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the executions recorded to run later (retries, chained runs) when they fall due, on whichever instance finds
 * them first. Each is an execution, {@code scheduled} with no holder, plus an entry in {@code scheduler_due} (its id
 * and due time) that every instance polls: a small collection, so the poll costs nothing while nothing is due. An
 * instance takes a due execution with a fenced write (only while no instance holds it) and queues it with the
 * fired ones; the entry goes once the execution is held. At start-up, executions without their entry (the writer
 * stopped between the two writes) get it back.
 */
@ApplicationScoped
public class DueRuns {

    private static final Logger LOG = Logger.getLogger(DueRuns.class.getName());
    static final String COLLECTION = "scheduler_due";
    static final int PAGE = 1_000;

    @Inject
    @ConfigProperty(name = "texium.due.poll-millis", defaultValue = "500")
    long pollMillis;

    @Inject
    ExecutionWrites writes;

    @Inject
    ExecutionBuckets buckets;

    @Inject
    ExecutionCounts counts;

    @Inject
    JobQueries jobs;

    @Inject
    JobRunCounts runCounts;

    @Inject
    Workers workers;

    @Inject
    Instances instances;

    @Inject
    MongoStore store;

    @Inject
    Background background;

    @Inject
    Clock clock;

    private boolean polling;

    /** After the take-over of gone instances' work: entries restored, then the poll starts. */
    void onStore(@Observes @Priority(Instances.PRIORITY + 60) StoreAvailable available) {
        synchronized (this) {
            if (polling) {
                return;
            }
            polling = true;
        }
        try {
            due().createIndex(Indexes.ascending("due"), new IndexOptions().name("due"));
            restore();
        } catch (MongoException e) {
            LOG.log(Level.WARNING, "could not restore the entries of executions due later; the next start tries again", e);
        }
        background.every(Duration.ofMillis(pollMillis), "due runs", this::poll);
    }

    /** Makes the recorded executions due at their scheduled time; call after {@link ExecutionWrites#defer}. */
    void schedule(List<Execution> deferred) {
        if (deferred.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> entries = new ArrayList<>();
        for (Execution x : deferred) {
            Document entry = new Document("_id", new ObjectId(x.id())).append("due", Date.from(x.scheduledTime()));
            entries.add(new ReplaceOneModel<>(Filters.eq("_id", entry.get("_id")), entry, new ReplaceOptions().upsert(true)));
        }
        due().bulkWrite(entries);
    }

    /** Takes what is due now, oldest first, and queues it; what another instance took first is left to it. */
    void poll() {
        List<String> ids = new ArrayList<>();
        due().find(Filters.lte("due", Date.from(clock.instant()))).sort(Sorts.ascending("due")).limit(PAGE)
                .forEach(d -> ids.add(d.getObjectId("_id").toHexString()));
        if (ids.isEmpty()) {
            return;
        }
        List<Execution> taken = writes.take(ids, instances.id(), instances.hostname());
        due().deleteMany(Filters.in("_id", ids.stream().map(ObjectId::new).toList()));
        if (taken.isEmpty()) {
            return;
        }
        Map<String, Job> byId = jobs.byIds(taken.stream().map(Execution::jobId).toList());
        List<Run> runs = new ArrayList<>();
        List<Execution> gone = new ArrayList<>();
        List<Execution> inactive = new ArrayList<>();
        Map<String, List<ActiveRun>> active = new LinkedHashMap<>();
        for (Execution x : taken) {
            Job job = byId.get(x.jobId());
            if (job == null) {
                gone.add(x);
            } else if (!job.enabled() || job.paused()) {
                inactive.add(x);
            } else {
                runs.add(new Run(x, job));
                active.computeIfAbsent(job.id(), id -> new ArrayList<>()).add(new ActiveRun(x.id(), instances.id()));
            }
        }
        if (!gone.isEmpty()) {
            writes.skip(gone, "the job was deleted before the run could start");
        }
        if (!inactive.isEmpty()) {
            writes.skip(inactive, "the job was paused or disabled before the run could start");
        }
        runCounts.markActive(active);
        workers.submit(runs);
    }

    /** Gives every deferred execution without its entry the entry back. */
    private void restore() {
        List<Execution> orphans = new ArrayList<>();
        for (ExecutionBucket bucket : counts.open()) {
            buckets.read(bucket).find(Filters.and(Filters.eq("status", ExecutionStatus.scheduled.name()),
                    Filters.eq("instance_id", null))).forEach(d -> orphans.add(ExecutionWrites.execution(d)));
        }
        schedule(orphans);
        if (!orphans.isEmpty()) {
            LOG.info(() -> orphans.size() + " execution(s) due later are waiting for their time");
        }
    }

    private MongoCollection<Document> due() {
        return store.database().getCollection(COLLECTION);
    }
}
