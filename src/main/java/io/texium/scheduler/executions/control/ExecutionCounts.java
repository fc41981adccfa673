package io.texium.scheduler.executions.control;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.platform.StoreAvailable;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.logging.Logger;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The maintained execution counts, so that no read counts by scanning: per user and status in
 * {@code scheduler_execution_counts} (the stats, and the totals of lists filtered by user and status only), and per
 * bucket in {@code scheduler_execution_buckets}, one document for all executions, one for the unfinished ones and
 * one per job and per user ({@code _id} {@code all}, {@code open}, {@code job:<id>}, {@code user:<id>}), each with a
 * field per bucket: so the buckets that exist, and those that can hold a job's, a user's or unfinished executions,
 * are one look-up by id each. The per-bucket counts are raised before an insert ({@link #inserting}), so that a
 * failure in between can over-count them but never hide an execution; everything else is counted after the write,
 * with what it really changed. A write that fails half-way can leave the counts off: they are rebuilt from the
 * buckets at start-up when missing.
 */
@ApplicationScoped
public class ExecutionCounts {

    private static final Logger LOG = Logger.getLogger(ExecutionCounts.class.getName());
    static final String COLLECTION = "scheduler_execution_counts";
    static final String PER_BUCKET = "scheduler_execution_buckets";

    @Inject
    MongoStore store;

    @Inject
    ExecutionBuckets buckets;

    /** {@code n} executions of a user in a bucket went from one status to another; a null {@code from} is an insert. */
    record Change(ExecutionBucket bucket, String userId, ExecutionStatus from, ExecutionStatus to, long n) {
    }

    /** The changes of executions that all went from {@code from} to their {@code to}, summed per bucket, user and target. */
    static List<Change> changes(Collection<Execution> executions, ExecutionStatus from, Function<Execution, ExecutionStatus> to) {
        record Key(ExecutionBucket bucket, String userId, ExecutionStatus to) {
        }
        Map<Key, Long> sums = new LinkedHashMap<>();
        for (Execution x : executions) {
            sums.merge(new Key(ExecutionBucket.ofId(x.id()), x.userId(), to.apply(x)), 1L, Long::sum);
        }
        List<Change> changes = new ArrayList<>();
        sums.forEach((k, n) -> changes.add(new Change(k.bucket(), k.userId(), from, k.to(), n)));
        return changes;
    }

    /** Before inserting executions: raises the per-bucket counts of all, unfinished, each job's and each user's. */
    void inserting(Collection<Execution> executions) {
        incPerBucket(perBucketOf(executions, 1));
    }

    /** After an insert refused some executions as recorded already: takes back what {@link #inserting} raised. */
    void refused(Collection<Execution> executions) {
        incPerBucket(perBucketOf(executions, -1));
    }

    private static Map<String, Map<ExecutionBucket, Long>> perBucketOf(Collection<Execution> executions, long n) {
        Map<String, Map<ExecutionBucket, Long>> counts = new LinkedHashMap<>();
        for (Execution x : executions) {
            ExecutionBucket bucket = ExecutionBucket.ofId(x.id());
            List<String> kinds = new ArrayList<>(List.of("all", "job:" + x.jobId()));
            if (x.userId() != null) {
                kinds.add("user:" + x.userId());
            }
            if (isOpen(x.status())) {
                kinds.add("open");
            }
            kinds.forEach(kind -> counts.computeIfAbsent(kind, k -> new LinkedHashMap<>()).merge(bucket, n, Long::sum));
        }
        return counts;
    }

    /** Counts what writes did; inserts were counted per bucket by {@link #inserting}. */
    void apply(Collection<Change> changes) {
        Map<String, Long> byUser = new LinkedHashMap<>();
        Map<ExecutionBucket, Long> open = new LinkedHashMap<>();
        for (Change c : changes) {
            if (c.from() != null) {
                byUser.merge(userKey(c.userId(), c.from()), -c.n(), Long::sum);
                open.merge(c.bucket(), c.n() * ((isOpen(c.to()) ? 1 : 0) - (isOpen(c.from()) ? 1 : 0)), Long::sum);
            }
            byUser.merge(userKey(c.userId(), c.to()), c.n(), Long::sum);
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        byUser.forEach((key, n) -> {
            if (n != 0) {
                writes.add(new UpdateOneModel<>(Filters.eq("_id", key), Updates.combine(Updates.inc("count", n),
                        Updates.setOnInsert("user_id", userOf(key)), Updates.setOnInsert("status", statusOf(key))),
                        new UpdateOptions().upsert(true)));
            }
        });
        if (!writes.isEmpty()) {
            counts().bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
        incPerBucket(Map.of("open", open));
    }

    /** The counts per status of one user's executions, or everyone's (null). */
    public Map<ExecutionStatus, Long> totals(String userId) {
        Map<ExecutionStatus, Long> totals = new EnumMap<>(ExecutionStatus.class);
        for (ExecutionStatus s : ExecutionStatus.values()) {
            totals.put(s, 0L);
        }
        Bson filter = userId == null ? Filters.empty() : Filters.eq("user_id", userId);
        for (Document d : counts().find(filter)) {
            totals.merge(ExecutionStatus.valueOf(d.getString("status")), ((Number) d.get("count")).longValue(), Long::sum);
        }
        return totals;
    }

    /**
     * One kind of per-bucket count ({@code all}, {@code open}, {@code job:<id>}, {@code user:<id>}): the buckets
     * it counts above 0, newest first, with their counts.
     */
    SortedMap<ExecutionBucket, Long> perBucket(String kind) {
        SortedMap<ExecutionBucket, Long> counts = new TreeMap<>(Comparator.reverseOrder());
        Document d = perBucket().find(Filters.eq("_id", kind)).first();
        if (d != null) {
            d.forEach((field, n) -> {
                if (!field.equals("_id") && ((Number) n).longValue() > 0) {
                    counts.put(new ExecutionBucket(field), ((Number) n).longValue());
                }
            });
        }
        return counts;
    }

    /** The buckets that may hold {@code scheduled} or {@code running} executions, oldest first. */
    List<ExecutionBucket> open() {
        return perBucket("open").keySet().stream().sorted().toList();
    }

    /** Takes a bucket's executions off the counts, before the bucket is dropped. */
    void forget(ExecutionBucket bucket) {
        subtractByUser(tally(bucket, Filters.empty()).byUser());
        perBucket().updateMany(Filters.empty(), Updates.unset(bucket.name()));
    }

    /**
     * Deletes the bucket's executions that match {@code filter}, taking them off the counts; for finished
     * executions only (an execution whose status changes meanwhile would be counted wrong). Returns how many.
     */
    long delete(ExecutionBucket bucket, Bson filter) {
        Tally tally = tally(bucket, filter);
        long deleted = buckets.read(bucket).deleteMany(filter).getDeletedCount();
        subtractByUser(tally.byUser());
        Map<String, Map<ExecutionBucket, Long>> perBucketCounts = new HashMap<>();
        tally.perBucket().forEach((kind, n) -> perBucketCounts.put(kind, Map.of(bucket, -n)));
        incPerBucket(perBucketCounts);
        return deleted;
    }

    private void subtractByUser(Map<String, Long> byUser) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        byUser.forEach((key, n) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", key), Updates.inc("count", -n))));
        if (!writes.isEmpty()) {
            counts().bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    /** At start-up, after the schema upgrade and before anything writes executions: recounts counts that are missing. */
    void onStore(@Observes @Priority(Instances.PRIORITY - 50) StoreAvailable available) {
        if (available.firstTime() && missing()) {
            rebuild();
        }
    }

    /** Whether the counts were never kept here: a store written by an earlier version, or a dropped collection. */
    boolean missing() {
        List<String> names = store.database().listCollectionNames().into(new ArrayList<>());
        return !names.contains(COLLECTION) || !names.contains(PER_BUCKET);
    }

    /** Counts every bucket anew and replaces all counts with the result (at start-up when missing, after a restore). */
    public void rebuild() {
        Map<String, Long> byUser = new HashMap<>();
        Map<String, Document> perBucket = new HashMap<>();
        List<ExecutionBucket> stored = buckets.stored();
        for (ExecutionBucket bucket : stored) {
            Tally tally = tally(bucket, Filters.empty());
            tally.byUser().forEach((k, n) -> byUser.merge(k, n, Long::sum));
            tally.perBucket().forEach((kind, n) -> perBucket.computeIfAbsent(kind, k -> new Document("_id", k)).append(bucket.name(), n));
        }
        List<Document> users = new ArrayList<>();
        byUser.forEach((key, n) -> users.add(new Document("_id", key).append("user_id", userOf(key))
                .append("status", statusOf(key)).append("count", n)));
        replace(counts(), users);
        replace(perBucket(), new ArrayList<>(perBucket.values()));
        LOG.info(() -> "execution counts rebuilt from " + stored.size() + " bucket(s)");
    }

    /** A bucket's executions counted from its documents: per user and status, and per kind of per-bucket count. */
    private record Tally(Map<String, Long> byUser, Map<String, Long> perBucket) {
    }

    private Tally tally(ExecutionBucket bucket, Bson filter) {
        Map<String, Long> byUser = new HashMap<>();
        Map<String, Long> perBucket = new HashMap<>();
        MongoCollection<Document> executions = buckets.read(bucket);
        for (Document g : executions.aggregate(List.of(Aggregates.match(filter), Aggregates.group(
                new Document("user_id", "$user_id").append("status", "$status"), Accumulators.sum("n", 1))))) {
            Document id = g.get("_id", Document.class);
            String userId = id.getString("user_id");
            ExecutionStatus status = ExecutionStatus.valueOf(id.getString("status"));
            long n = ((Number) g.get("n")).longValue();
            byUser.merge(userKey(userId, status), n, Long::sum);
            perBucket.merge("all", n, Long::sum);
            perBucket.merge("open", isOpen(status) ? n : 0, Long::sum);
            if (userId != null) {
                perBucket.merge("user:" + userId, n, Long::sum);
            }
        }
        for (Document g : executions.aggregate(List.of(Aggregates.match(filter),
                Aggregates.group("$job_id", Accumulators.sum("n", 1))))) {
            perBucket.merge("job:" + g.getString("_id"), ((Number) g.get("n")).longValue(), Long::sum);
        }
        return new Tally(byUser, perBucket);
    }

    private void incPerBucket(Map<String, Map<ExecutionBucket, Long>> counts) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        counts.forEach((kind, byBucket) -> {
            List<Bson> increments = new ArrayList<>();
            byBucket.forEach((bucket, n) -> {
                if (n != 0) {
                    increments.add(Updates.inc(bucket.name(), n));
                }
            });
            if (!increments.isEmpty()) {
                writes.add(new UpdateOneModel<>(Filters.eq("_id", kind), Updates.combine(increments),
                        new UpdateOptions().upsert(true)));
            }
        });
        if (!writes.isEmpty()) {
            perBucket().bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    private static void replace(MongoCollection<Document> collection, List<Document> documents) {
        collection.deleteMany(Filters.empty());
        if (!documents.isEmpty()) {
            collection.insertMany(documents);
        }
    }

    private static String userKey(String userId, ExecutionStatus status) {
        return Objects.requireNonNullElse(userId, "") + "/" + status.name();
    }

    private static String userOf(String userKey) {
        int slash = userKey.lastIndexOf('/');
        return slash == 0 ? null : userKey.substring(0, slash);
    }

    private static String statusOf(String userKey) {
        return userKey.substring(userKey.lastIndexOf('/') + 1);
    }

    private static boolean isOpen(ExecutionStatus status) {
        return status == ExecutionStatus.scheduled || status == ExecutionStatus.running;
    }

    private MongoCollection<Document> counts() {
        return store.database().getCollection(COLLECTION);
    }

    private MongoCollection<Document> perBucket() {
        return store.database().getCollection(PER_BUCKET);
    }
}
