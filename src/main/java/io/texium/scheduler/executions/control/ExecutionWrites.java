package io.texium.scheduler.executions.control;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The run pipeline's writes to the executions' hourly buckets, each for many executions in one round trip per
 * bucket: claims (inserts under the fire's deterministic id), starts, and fenced final writes that succeed only while
 * the execution is still {@code running} on the instance that writes it. Each reports what it changed to
 * {@link ExecutionCounts}.
 */
@ApplicationScoped
public class ExecutionWrites {

    private static final Logger LOG = Logger.getLogger(ExecutionWrites.class.getName());

    @Inject
    ExecutionBuckets buckets;

    @Inject
    ExecutionCounts counts;

    /**
     * Who takes the written outcomes in hand (notifications): called on the thread that wrote them, so it must only
     * hand them on. A plain call, not a CDI event: dispatching an event per written batch measurably slowed the
     * recording of 1,000 runs due together (see the README's benchmarks).
     */
    private volatile Consumer<List<Execution>> endedListener = ended -> {
    };

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
        Set<String> duplicates = insert(executions);
        if (duplicates.isEmpty()) {
            counts.apply(ExecutionCounts.changes(executions, null, Execution::status));
            return new Claimed(executions, 0);
        }
        Set<String> ours = ownedScheduled(duplicates, instanceId);
        List<Execution> won = executions.stream().filter(x -> !duplicates.contains(x.id()) || ours.contains(x.id())).toList();
        // a duplicate of ours was inserted by an attempt that failed before it counted
        counts.apply(ExecutionCounts.changes(won, null, Execution::status));
        return new Claimed(won, executions.size() - won.size());
    }

    /** Records executions that end as they are written (missed, skipped); a duplicate id is already recorded. */
    public void record(List<Execution> executions) {
        Set<String> duplicates = insert(executions);
        List<Execution> recorded = executions.stream().filter(x -> !duplicates.contains(x.id())).toList();
        counts.apply(ExecutionCounts.changes(recorded, null, Execution::status));
        announce(recorded);
    }

    /**
     * Records {@code skipped} entries that stand for several fires: a new entry is inserted; one that exists already
     * (the same overlap, claimed before) grows by the fires it did not count yet, so that two instances skipping the
     * same fire count it once.
     */
    public void skipFires(List<Execution> entries) {
        Set<String> duplicates = insert(entries);
        List<Execution> recorded = entries.stream().filter(x -> !duplicates.contains(x.id())).toList();
        counts.apply(ExecutionCounts.changes(recorded, null, Execution::status));
        announce(recorded);
        for (Execution x : entries) {
            if (duplicates.contains(x.id())) {
                buckets.write(ExecutionBucket.ofId(x.id())).updateOne(Filters.and(Filters.eq("_id", new ObjectId(x.id())),
                        Filters.lt("last_scheduled_time", date(x.scheduledTime()))), Updates.combine(
                        Updates.inc("fire_count", x.fireCount()), Updates.set("last_scheduled_time", date(x.lastScheduledTime()))));
            }
        }
    }

    /**
     * Records executions due later with no instance holding them (retries, chained runs): whichever instance finds
     * them due first runs them ({@link DueRuns}). A duplicate id is recorded already (an earlier attempt of the same
     * write). Returns those written now.
     */
    public List<Execution> defer(List<Execution> executions) {
        if (executions.isEmpty()) {
            return List.of();
        }
        Set<String> duplicates = insert(executions);
        List<Execution> recorded = executions.stream().filter(x -> !duplicates.contains(x.id())).toList();
        counts.apply(ExecutionCounts.changes(recorded, null, Execution::status));
        return recorded;
    }

    /**
     * Takes deferred executions that are due for this instance: each only while still {@code scheduled} with no
     * holder. Returns those taken here.
     */
    public List<Execution> take(Collection<String> ids, String instanceId, String hostname) {
        var parts = ExecutionBuckets.byBucket(ids, id -> id);
        String token = new ObjectId().toHexString();
        Bson taken = Updates.combine(Updates.set("instance_id", instanceId), Updates.set("hostname", hostname),
                Updates.set("start_token", token));
        List<Execution> ours = new ArrayList<>();
        for (var part : parts.entrySet()) {
            List<WriteModel<Document>> writes = part.getValue().stream().<WriteModel<Document>>map(id ->
                    new UpdateOneModel<>(ExecutionBuckets.fence(id, ExecutionStatus.scheduled, null), taken)).toList();
            if (buckets.write(part.getKey()).bulkWrite(writes, new BulkWriteOptions().ordered(false)).getModifiedCount() == 0) {
                continue;
            }
            buckets.read(part.getKey()).find(Filters.and(Filters.in("_id", part.getValue().stream().map(ObjectId::new).toList()),
                    Filters.eq("instance_id", instanceId), Filters.eq("start_token", token)))
                    .forEach(d -> ours.add(execution(d)));
        }
        return ours;
    }

    /** Sets who takes written outcomes (ended runs, {@code missed} and {@code skipped} entries) in hand. */
    public void onEnded(Consumer<List<Execution>> listener) {
        endedListener = listener;
    }

    /** Hands the written outcomes to the listener (notifications). */
    private void announce(List<Execution> ended) {
        if (ended.isEmpty()) {
            return;
        }
        try {
            endedListener.accept(ended);
        } catch (RuntimeException e) {
            // the outcomes are written: an observer's failure must not have them written (and counted) again
            LOG.log(Level.WARNING, "an observer of " + ended.size() + " written outcomes failed", e);
        }
    }

    /** Inserts the executions into their buckets, unordered; answers the ids refused as recorded already. */
    private Set<String> insert(List<Execution> executions) {
        counts.inserting(executions);
        Set<String> duplicates = new HashSet<>();
        ExecutionBuckets.byBucket(executions, Execution::id).forEach((bucket, part) -> {
            for (int i : buckets.insert(bucket, part.stream().map(ExecutionWrites::document).toList())) {
                duplicates.add(part.get(i).id());
            }
        });
        counts.refused(executions.stream().filter(x -> duplicates.contains(x.id())).toList());
        return duplicates;
    }

    /** Marks the executions running on this instance from {@code at}; returns the ids that were still scheduled here. */
    public Set<String> start(Collection<Execution> executions, String instanceId, String hostname, Instant at) {
        var parts = ExecutionBuckets.byBucket(executions, Execution::id);
        String token = new ObjectId().toHexString();
        long modified = 0;
        for (var part : parts.entrySet()) {
            Bson running = Updates.combine(Updates.set("status", ExecutionStatus.running.name()),
                    Updates.set("started_at", Date.from(at)), Updates.set("hostname", hostname), Updates.set("start_token", token));
            // one fenced update per execution (an index look-up each) rather than one _id-$in update (a bucket scan)
            List<WriteModel<Document>> writes = part.getValue().stream().<WriteModel<Document>>map(x ->
                    new UpdateOneModel<>(ExecutionBuckets.fence(x.id(), ExecutionStatus.scheduled, instanceId), running)).toList();
            modified += buckets.write(part.getKey()).bulkWrite(writes, new BulkWriteOptions().ordered(false)).getModifiedCount();
        }
        Set<String> started = new HashSet<>();
        if (modified == executions.size()) {
            executions.forEach(x -> started.add(x.id()));
        } else {
            for (var part : parts.entrySet()) {
                for (Document d : buckets.read(part.getKey()).find(Filters.and(Filters.in("_id", ids(part.getValue())),
                        Filters.eq("status", ExecutionStatus.running.name()), Filters.eq("instance_id", instanceId),
                        Filters.eq("start_token", token))).projection(Projections.include("_id"))) {
                    started.add(d.getObjectId("_id").toHexString());
                }
            }
        }
        counts.apply(ExecutionCounts.changes(executions.stream().filter(x -> started.contains(x.id())).toList(),
                ExecutionStatus.scheduled, x -> ExecutionStatus.running));
        return started;
    }

    /** Writes the outcomes, each only while its execution is still running on this instance (fencing). */
    public void finish(Collection<Execution> executions, String instanceId) {
        var parts = ExecutionBuckets.byBucket(executions, Execution::id);
        long modified = 0;
        for (var part : parts.entrySet()) {
            List<WriteModel<Document>> writes = new ArrayList<>();
            for (Execution x : part.getValue()) {
                List<Bson> set = new ArrayList<>(List.of(
                        Updates.set("status", x.status().name()), Updates.set("output", x.output()),
                        Updates.set("started_at", date(x.startedAt())),
                        Updates.set("error", x.error()), Updates.set("completed_at", date(x.completedAt())),
                        Updates.set("duration_ms", x.durationMs()), Updates.set("next_attempt_id", x.nextAttemptId())));
                if (x.reason() != null) {
                    set.add(Updates.set("reason", x.reason())); // a cancel's
                }
                writes.add(new UpdateOneModel<>(ExecutionBuckets.fence(x.id(), ExecutionStatus.running, instanceId),
                        Updates.combine(set)));
            }
            modified += buckets.write(part.getKey()).bulkWrite(writes, new BulkWriteOptions().ordered(false)).getModifiedCount();
        }
        List<Execution> finished = new ArrayList<>(executions);
        if (modified != executions.size()) {
            // some were fenced off (taken over): count only those that now carry this outcome
            finished.clear();
            for (var part : parts.entrySet()) {
                Map<String, Document> stored = new HashMap<>();
                buckets.read(part.getKey()).find(Filters.in("_id", ids(part.getValue())))
                        .projection(Projections.include("status", "completed_at", "instance_id"))
                        .forEach(d -> stored.put(d.getObjectId("_id").toHexString(), d));
                part.getValue().stream().filter(x -> finishedHere(stored.get(x.id()), x, instanceId)).forEach(finished::add);
            }
        }
        counts.apply(ExecutionCounts.changes(finished, ExecutionStatus.running, Execution::status));
        announce(finished);
    }

    private static boolean finishedHere(Document stored, Execution x, String instanceId) {
        return stored != null && x.status().name().equals(stored.getString("status"))
                && instanceId.equals(stored.getString("instance_id"))
                && Objects.equals(date(x.completedAt()), stored.getDate("completed_at"));
    }

    /**
     * Ends a {@code scheduled} execution as {@code cancelled} with the reason, fenced: only while it is still
     * scheduled on the instance that holds it ({@code x} as read), so that a worker's start, which is fenced on
     * {@code scheduled} too, then finds it not scheduled and skips it. Answers whether this write ended it.
     */
    public boolean cancelScheduled(Execution x, String reason, Instant at) {
        ExecutionBucket bucket = ExecutionBucket.ofId(x.id());
        long n = buckets.write(bucket).updateOne(ExecutionBuckets.fence(x.id(), ExecutionStatus.scheduled, x.instanceId()),
                Updates.combine(Updates.set("status", ExecutionStatus.cancelled.name()), Updates.set("reason", reason),
                        Updates.set("completed_at", Date.from(at)))).getModifiedCount();
        if (n == 0) {
            return false;
        }
        x.status(ExecutionStatus.cancelled).reason(reason).completedAt(at);
        counts.apply(ExecutionCounts.changes(List.of(x), ExecutionStatus.scheduled, Execution::status));
        announce(List.of(x));
        return true;
    }

    /** Hands the given instance's executions to {@code to} (null: to whoever adopts them); returns how many. */
    public long reassign(String from, ExecutionStatus status, String to) {
        long reassigned = 0;
        for (ExecutionBucket bucket : counts.open()) {
            reassigned += buckets.write(bucket).updateMany(Filters.and(Filters.eq("instance_id", from),
                    Filters.eq("status", status.name())), Updates.set("instance_id", to)).getModifiedCount();
        }
        return reassigned;
    }

    /** Ends the given instance's running executions as failed, with the reason. */
    public long failRunning(String instanceId, String reason, Instant at) {
        Bson running = Filters.and(Filters.eq("instance_id", instanceId), Filters.eq("status", ExecutionStatus.running.name()));
        List<ExecutionCounts.Change> changes = new ArrayList<>();
        for (ExecutionBucket bucket : counts.open()) {
            // one write per user, so that each user's count moves by what really changed
            for (String userId : buckets.read(bucket).distinct("user_id", running, String.class).into(new ArrayList<>())) {
                long n = buckets.write(bucket).updateMany(Filters.and(running, Filters.eq("user_id", userId)),
                        Updates.combine(Updates.set("status", ExecutionStatus.failed.name()), Updates.set("error", reason),
                                Updates.set("completed_at", Date.from(at)))).getModifiedCount();
                changes.add(new ExecutionCounts.Change(bucket, userId, ExecutionStatus.running, ExecutionStatus.failed, n));
            }
        }
        counts.apply(changes);
        return changes.stream().mapToLong(ExecutionCounts.Change::n).sum();
    }

    /** Ends scheduled executions as skipped, with the reason. */
    public void skip(Collection<Execution> executions, String reason) {
        endScheduled(executions, ExecutionStatus.skipped, reason);
    }

    /**
     * Ends scheduled executions as missed, with the reason (they waited for a worker past their job's misfire
     * grace), and announces those it ended (notifications).
     */
    public void miss(Collection<Execution> executions, String reason) {
        endScheduled(executions, ExecutionStatus.missed, reason);
        announce(executions.stream().filter(x -> x.status() == ExecutionStatus.missed).toList());
    }

    /** Ends scheduled executions with the status and reason; each one it ended carries them afterwards. */
    private void endScheduled(Collection<Execution> executions, ExecutionStatus status, String reason) {
        List<ExecutionCounts.Change> changes = new ArrayList<>();
        // one write per bucket and user, so that each user's count moves by what really changed
        for (var c : ExecutionCounts.changes(executions, ExecutionStatus.scheduled, x -> status)) {
            List<Execution> part = executions.stream().filter(x -> ExecutionBucket.ofId(x.id()).equals(c.bucket())
                    && Objects.equals(x.userId(), c.userId())).toList();
            long n = buckets.write(c.bucket()).updateMany(Filters.and(Filters.in("_id", ids(part)),
                            Filters.eq("status", ExecutionStatus.scheduled.name())),
                    Updates.combine(Updates.set("status", status.name()), Updates.set("reason", reason)))
                    .getModifiedCount();
            if (n == part.size()) {
                part.forEach(x -> x.status(status).reason(reason));
            }
            changes.add(new ExecutionCounts.Change(c.bucket(), c.userId(), ExecutionStatus.scheduled, status, n));
        }
        counts.apply(changes);
    }

    /** This instance's scheduled executions, oldest due first, past the given ids. */
    public List<Document> scheduledOf(String instanceId, int limit) {
        List<Document> scheduled = new ArrayList<>();
        for (ExecutionBucket bucket : counts.open()) {
            if (scheduled.size() >= limit) {
                break;
            }
            buckets.read(bucket).find(Filters.and(Filters.eq("instance_id", instanceId),
                            Filters.eq("status", ExecutionStatus.scheduled.name())))
                    .sort(com.mongodb.client.model.Sorts.ascending("scheduled_time", "_id"))
                    .limit(limit - scheduled.size()).into(scheduled);
        }
        return scheduled;
    }

    /** The instance ids that hold unfinished executions, for adopting those of instances that no longer exist. */
    public Set<String> holders() {
        Set<String> holders = new HashSet<>();
        for (ExecutionBucket bucket : counts.open()) {
            buckets.read(bucket).distinct("instance_id", Filters.in("status", ExecutionStatus.scheduled.name(),
                    ExecutionStatus.running.name()), String.class).into(holders);
        }
        return holders;
    }

    /** Of these claimed ids, those this instance recorded itself (in an attempt the store took but did not confirm). */
    private Set<String> ownedScheduled(Set<String> ids, String instanceId) {
        Set<String> ours = new HashSet<>();
        ExecutionBuckets.byBucket(ids, id -> id).forEach((bucket, part) -> {
            var keys = part.stream().map(ObjectId::new).toList();
            for (Document d : buckets.read(bucket).find(Filters.and(Filters.in("_id", keys), Filters.eq("instance_id", instanceId),
                    Filters.in("status", ExecutionStatus.scheduled.name(), ExecutionStatus.running.name())))
                    .projection(Projections.include("_id"))) {
                ours.add(d.getObjectId("_id").toHexString());
            }
        });
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
        put(d, "attempt", x.attempt());
        put(d, "retry_of", x.retryOf());
        put(d, "parent_execution_id", x.parentExecutionId());
        put(d, "next_attempt_id", x.nextAttemptId());
        put(d, "chain_depth", x.chainDepth());
        return d;
    }

    /** The execution a document describes (the inverse of {@link #document}). */
    static Execution execution(Document d) {
        return new Execution().id(d.getObjectId("_id").toHexString()).jobId(d.getString("job_id"))
                .userId(d.getString("user_id")).jobName(d.getString("job_name"))
                .jobClassString(d.getString("job_class_string"))
                .status(ExecutionStatus.valueOf(d.getString("status"))).trigger(d.getString("trigger"))
                .scheduledTime(instant(d, "scheduled_time")).lastScheduledTime(instant(d, "last_scheduled_time"))
                .fireCount(number(d, "fire_count")).firedAt(instant(d, "fired_at"))
                .createdAt(instant(d, "created_at")).startedAt(instant(d, "started_at"))
                .completedAt(instant(d, "completed_at")).durationMs(number(d, "duration_ms"))
                .output(d.getString("output")).error(d.getString("error")).reason(d.getString("reason"))
                .instanceId(d.getString("instance_id")).hostname(d.getString("hostname"))
                .notifications(ExecutionNotes.attempts(d.get("notifications")))
                .attempt(d.get("attempt") instanceof Number n ? n.intValue() : null).retryOf(d.getString("retry_of"))
                .parentExecutionId(d.getString("parent_execution_id")).nextAttemptId(d.getString("next_attempt_id"))
                .chainDepth(d.get("chain_depth") instanceof Number n ? n.intValue() : null);
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

    private static Long number(Document d, String key) {
        return d.get(key) instanceof Number n ? n.longValue() : null;
    }

    private static List<ObjectId> ids(List<Execution> executions) {
        return executions.stream().map(x -> new ObjectId(x.id())).toList();
    }
}
