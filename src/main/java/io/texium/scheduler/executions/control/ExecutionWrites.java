package io.texium.scheduler.executions.control;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.platform.MongoStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The run pipeline's writes to {@code scheduler_executions}, each for many executions in one round trip: claims
 * (inserts under the fire's deterministic id), starts, and fenced final writes that succeed only while the
 * execution is still {@code running} on the instance that writes it.
 */
@ApplicationScoped
public class ExecutionWrites {

    static final String COLLECTION = "scheduler_executions";

    @Inject
    MongoStore store;

    /** What a claim of many fires came to: the executions this instance holds now, and the count others hold. */
    public record Claimed(List<Execution> won, int lost) {
    }

    /**
     * Inserts the executions, unordered. A duplicate id means the fire is recorded already: by another instance
     * (lost), or by this one in an earlier attempt that the store took before failing to answer (won).
     */
    public Claimed claim(List<Execution> executions, String instanceId) {
        if (executions.isEmpty()) {
            return new Claimed(List.of(), 0);
        }
        List<Document> documents = executions.stream().map(ExecutionWrites::document).toList();
        Set<String> duplicates = new HashSet<>();
        try {
            collection().insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                duplicates.add(executions.get(error.getIndex()).id());
            }
        }
        if (duplicates.isEmpty()) {
            return new Claimed(executions, 0);
        }
        Set<String> ours = ownedScheduled(duplicates, instanceId);
        List<Execution> won = executions.stream().filter(x -> !duplicates.contains(x.id()) || ours.contains(x.id())).toList();
        return new Claimed(won, executions.size() - won.size());
    }

    /** Records executions that end as they are written (missed, skipped); a duplicate id is already recorded. */
    public void record(List<Execution> executions) {
        try {
            collection().insertMany(executions.stream().map(ExecutionWrites::document).toList(),
                    new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteErrors().stream()
                    .allMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicates) {
                throw e;
            }
        }
    }

    /** Marks the executions running on this instance from {@code at}; returns the ids that were still scheduled here. */
    public Set<String> start(Collection<Execution> executions, String instanceId, String hostname, Instant at) {
        List<ObjectId> ids = executions.stream().map(x -> new ObjectId(x.id())).toList();
        Bson mine = Filters.and(Filters.in("_id", ids), Filters.eq("status", ExecutionStatus.scheduled.name()),
                Filters.eq("instance_id", instanceId));
        String token = new ObjectId().toHexString();
        long modified = collection().updateMany(mine, Updates.combine(
                Updates.set("status", ExecutionStatus.running.name()), Updates.set("started_at", Date.from(at)),
                Updates.set("hostname", hostname), Updates.set("start_token", token))).getModifiedCount();
        Set<String> started = new HashSet<>();
        if (modified == ids.size()) {
            executions.forEach(x -> started.add(x.id()));
            return started;
        }
        for (Document d : collection().find(Filters.and(Filters.in("_id", ids),
                Filters.eq("status", ExecutionStatus.running.name()), Filters.eq("instance_id", instanceId),
                Filters.eq("start_token", token))).projection(Projections.include("_id"))) {
            started.add(d.getObjectId("_id").toHexString());
        }
        return started;
    }

    /** Writes the outcomes, each only while its execution is still running on this instance (fencing). */
    public void finish(Collection<Execution> executions, String instanceId) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Execution x : executions) {
            Bson fence = Filters.and(Filters.eq("_id", new ObjectId(x.id())),
                    Filters.eq("status", ExecutionStatus.running.name()), Filters.eq("instance_id", instanceId));
            writes.add(new UpdateOneModel<>(fence, Updates.combine(
                    Updates.set("status", x.status().name()), Updates.set("output", x.output()),
                    Updates.set("started_at", date(x.startedAt())),
                    Updates.set("error", x.error()), Updates.set("completed_at", date(x.completedAt())),
                    Updates.set("duration_ms", x.durationMs()))));
        }
        if (!writes.isEmpty()) {
            collection().bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    /** Hands the given instance's executions to {@code to} (null: to whoever adopts them); returns how many. */
    public long reassign(String from, ExecutionStatus status, String to) {
        return collection().updateMany(Filters.and(Filters.eq("instance_id", from), Filters.eq("status", status.name())),
                Updates.set("instance_id", to)).getModifiedCount();
    }

    /** Ends the given instance's running executions as failed, with the reason. */
    public long failRunning(String instanceId, String reason, Instant at) {
        return collection().updateMany(Filters.and(Filters.eq("instance_id", instanceId),
                        Filters.eq("status", ExecutionStatus.running.name())),
                Updates.combine(Updates.set("status", ExecutionStatus.failed.name()), Updates.set("error", reason),
                        Updates.set("completed_at", Date.from(at)))).getModifiedCount();
    }

    /** Ends scheduled executions as skipped, with the reason. */
    public void skip(Collection<Execution> executions, String reason) {
        List<ObjectId> ids = executions.stream().map(x -> new ObjectId(x.id())).toList();
        collection().updateMany(Filters.and(Filters.in("_id", ids), Filters.eq("status", ExecutionStatus.scheduled.name())),
                Updates.combine(Updates.set("status", ExecutionStatus.skipped.name()), Updates.set("reason", reason)));
    }

    /** This instance's scheduled executions, oldest due first, past the given ids. */
    public List<Document> scheduledOf(String instanceId, int limit) {
        return collection().find(Filters.and(Filters.eq("instance_id", instanceId),
                        Filters.eq("status", ExecutionStatus.scheduled.name())))
                .sort(com.mongodb.client.model.Sorts.ascending("scheduled_time", "_id")).limit(limit)
                .into(new ArrayList<>());
    }

    /** The instance ids that hold unfinished executions, for adopting those of instances that no longer exist. */
    public Set<String> holders() {
        Set<String> holders = new HashSet<>();
        collection().distinct("instance_id", Filters.in("status", ExecutionStatus.scheduled.name(),
                ExecutionStatus.running.name()), String.class).into(holders);
        return holders;
    }

    /** Of these claimed ids, those this instance recorded itself (in an attempt the store took but did not confirm). */
    private Set<String> ownedScheduled(Set<String> ids, String instanceId) {
        Set<String> ours = new HashSet<>();
        var keys = ids.stream().map(ObjectId::new).toList();
        for (Document d : collection().find(Filters.and(Filters.in("_id", keys), Filters.eq("instance_id", instanceId),
                Filters.in("status", ExecutionStatus.scheduled.name(), ExecutionStatus.running.name())))
                .projection(Projections.include("_id"))) {
            ours.add(d.getObjectId("_id").toHexString());
        }
        return ours;
    }

    /** The execution as its document; the field names are those of {@link Execution}'s columns. */
    static Document document(Execution x) {
        Document d = new Document("_id", new ObjectId(x.id()));
        put(d, "job_id", x.jobId());
        put(d, "user_id", x.userId());
        put(d, "job_name", x.jobName());
        put(d, "job_class_string", x.jobClassString());
        put(d, "status", x.status().name());
        put(d, "trigger", x.trigger());
        put(d, "scheduled_time", date(x.scheduledTime()));
        put(d, "last_scheduled_time", date(x.lastScheduledTime()));
        put(d, "fire_count", x.fireCount());
        put(d, "fired_at", date(x.firedAt()));
        put(d, "created_at", date(x.createdAt()));
        put(d, "started_at", date(x.startedAt()));
        put(d, "completed_at", date(x.completedAt()));
        put(d, "duration_ms", x.durationMs());
        put(d, "output", x.output());
        put(d, "error", x.error());
        put(d, "reason", x.reason());
        put(d, "instance_id", x.instanceId());
        put(d, "hostname", x.hostname());
        return d;
    }

    /** The execution a document describes (the inverse of {@link #document}). */
    static Execution execution(Document d) {
        return new Execution().id(d.getObjectId("_id").toHexString()).jobId(d.getString("job_id"))
                .userId(d.getString("user_id")).jobName(d.getString("job_name"))
                .jobClassString(d.getString("job_class_string"))
                .status(ExecutionStatus.valueOf(d.getString("status"))).trigger(d.getString("trigger"))
                .scheduledTime(instant(d, "scheduled_time")).firedAt(instant(d, "fired_at"))
                .createdAt(instant(d, "created_at")).instanceId(d.getString("instance_id"))
                .hostname(d.getString("hostname"));
    }

    private static void put(Document d, String key, Object value) {
        if (value != null) {
            d.put(key, value);
        }
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Document d, String key) {
        Date date = d.getDate(key);
        return date == null ? null : date.toInstant();
    }

    private MongoCollection<Document> collection() {
        return store.database().getCollection(COLLECTION);
    }
}
