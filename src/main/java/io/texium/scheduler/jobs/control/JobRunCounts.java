package io.texium.scheduler.jobs.control;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.texium.scheduler.jobs.entity.ActiveRun;
import io.texium.scheduler.jobs.entity.RecentFire;
import io.texium.scheduler.platform.MongoStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The run statistics of jobs ({@code total_executions}, {@code last_run_time}, {@code next_run_time}), written
 * for many runs at once with {@code $inc} and {@code $max}, so concurrent runs on any instance never lose a count;
 * and each job's {@code active_runs} (claimed, not yet ended), which {@code max_instances} is checked against:
 * pushed when fires are claimed, pulled in the same write as the counts when their outcomes are recorded, and
 * pulled for an instance that is gone; and each job's {@code recent_fires}, the last {@value #RECENT_FIRES} fires of
 * its schedule that ran, pushed in the same write as the counts.
 */
@ApplicationScoped
public class JobRunCounts {

    @Inject
    MongoStore store;

    @Inject
    JobSchedules schedules;

    /** How many fires of its schedule a job document keeps ({@code recent_fires}), for the timers view. */
    public static final int RECENT_FIRES = 10;

    /**
     * The runs of one job that ended since the last write: how many started (and the latest start; null when none
     * did), the ids of all of them, to take off the job's active runs, and those that were fires of its schedule.
     */
    public record Runs(String jobId, long count, Instant lastStarted, List<String> ended, List<RecentFire> fires) {
        public Runs(String jobId, long count, Instant lastStarted, List<String> ended) {
            this(jobId, count, lastStarted, ended, List.of());
        }
    }

    /** Adds the runs in one round trip; the next run time follows the latest start. */
    public void add(Collection<Runs> runs) {
        if (runs.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Runs r : runs) {
            if (!ObjectId.isValid(r.jobId())) {
                continue;
            }
            List<org.bson.conversions.Bson> updates = new ArrayList<>();
            updates.add(Updates.pull(JobDocuments.ACTIVE_RUNS, new Document("id", new Document("$in", r.ended()))));
            if (r.lastStarted() != null) {
                updates.add(Updates.inc("total_executions", r.count()));
                updates.add(Updates.max("last_run_time", Date.from(r.lastStarted())));
                schedules.cached(r.jobId()).ifPresent(schedule -> updates.add(Updates.set("next_run_time",
                        schedule.nextFireTime(r.lastStarted()).map(ZonedDateTime::toInstant).map(Date::from).orElse(null))));
            }
            if (!r.fires().isEmpty()) {
                updates.add(recentFires(r.fires()));
            }
            writes.add(new UpdateOneModel<>(Filters.eq("_id", new ObjectId(r.jobId())), Updates.combine(updates)));
        }
        if (!writes.isEmpty()) {
            jobs().bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    /**
     * Appends the fires to the job's recent fires, kept in order of due time and cut to the last {@value #RECENT_FIRES}
     * by the store itself, so two instances recording fires of the same job at once still leave the newest ones.
     */
    static org.bson.conversions.Bson recentFires(List<RecentFire> fires) {
        List<Document> entries = fires.stream().map(f -> new Document("id", f.executionId())
                .append("scheduled_time", date(f.scheduledTime())).append("started_at", date(f.startedAt()))
                .append("status", f.status())).toList();
        return Updates.pushEach(JobDocuments.RECENT_FIRES, entries, new PushOptions()
                .sortDocument(new Document("scheduled_time", 1)).slice(-RECENT_FIRES));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    /** Adds claimed runs to their jobs' active runs, one write per job, in one round trip. */
    public void markActive(Map<String, List<ActiveRun>> byJob) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        byJob.forEach((jobId, runs) -> {
            if (ObjectId.isValid(jobId)) {
                writes.add(new UpdateOneModel<>(Filters.eq("_id", new ObjectId(jobId)), Updates.pushEach(JobDocuments.ACTIVE_RUNS,
                        runs.stream().map(r -> new Document("id", r.executionId()).append("instance", r.instanceId())).toList())));
            }
        });
        if (!writes.isEmpty()) {
            jobs().bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    /** Takes runs that will not run here (cancelled or taken before they started) off their jobs' active runs. */
    public void unmarkActive(Map<String, List<String>> executionIdsByJob) {
        add(executionIdsByJob.entrySet().stream().map(e -> new Runs(e.getKey(), 0, null, e.getValue())).toList());
    }

    /** Takes every run held by a gone instance off the active runs of every job. */
    public void releaseInstance(String instanceId) {
        jobs().updateMany(Filters.eq(JobDocuments.ACTIVE_RUNS + ".instance", instanceId),
                Updates.pull(JobDocuments.ACTIVE_RUNS, new Document("instance", instanceId)));
    }

    private MongoCollection<Document> jobs() {
        return store.database().getCollection(JobDocuments.COLLECTION);
    }
}
