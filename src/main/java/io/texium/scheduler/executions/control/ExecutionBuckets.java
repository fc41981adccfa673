package io.texium.scheduler.executions.control;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.platform.MongoStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/** The hourly collections that hold the executions: which exist, and their handles for reading and writing. */
@ApplicationScoped
public class ExecutionBuckets {

    /** The fields every bucket is indexed on (real MongoDB uses them; the embedded store scans one bucket). */
    private static final List<String> INDEXED = List.of("job_id", "user_id", "status");
    /** The fields of a fenced write's filter, in one unique index: see {@link #fence}. */
    private static final List<String> FENCE = List.of("_id", "status", "instance_id");

    @Inject
    MongoStore store;

    private final Set<ExecutionBucket> prepared = ConcurrentHashMap.newKeySet();

    /** The buckets the store holds, oldest first. */
    List<ExecutionBucket> stored() {
        List<ExecutionBucket> stored = new ArrayList<>();
        for (String name : store.database().listCollectionNames()) {
            ExecutionBucket.ofCollection(name).ifPresent(stored::add);
        }
        stored.sort(null);
        return stored;
    }

    /**
     * The filter of a fenced write: the execution, only while it has the status on the instance. Written as one flat
     * document of equalities, the fields of the {@code fence} index: the embedded store (mongo-java-server) uses an
     * index only for a query on exactly its fields, so an {@code _id} with other conditions scanned the whole bucket
     * for every final write (10 ms against 0.5 ms at 20,000 executions); real MongoDB answers it from {@code _id}
     * either way, and the index is unique because {@code _id} is.
     */
    static Bson fence(String id, ExecutionStatus status, String instanceId) {
        return new Document("_id", new ObjectId(id)).append("status", status.name()).append("instance_id", instanceId);
    }

    /** A bucket's collection, for reading (a bucket that does not exist reads as empty). */
    MongoCollection<Document> read(ExecutionBucket bucket) {
        return store.database().getCollection(bucket.collection());
    }

    /** A bucket's collection, for writing: this process's first write to a bucket creates its indexes. */
    MongoCollection<Document> write(ExecutionBucket bucket) {
        MongoCollection<Document> collection = read(bucket);
        if (!prepared.contains(bucket)) {
            for (String field : INDEXED) {
                collection.createIndex(Indexes.ascending(field), new IndexOptions().name(field));
            }
            collection.createIndex(Indexes.ascending(FENCE), new IndexOptions().name("fence").unique(true));
            prepared.add(bucket);
        }
        return collection;
    }

    /**
     * Inserts documents into a bucket, unordered, and answers the positions in {@code documents} that were refused
     * as duplicates (their id is recorded already); any other refusal throws.
     */
    Set<Integer> insert(ExecutionBucket bucket, List<Document> documents) {
        Set<Integer> duplicates = new HashSet<>();
        try {
            write(bucket).insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                duplicates.add(error.getIndex());
            }
        }
        return duplicates;
    }

    /** Creates the indexes of every stored bucket: a restore writes buckets that this process never prepared. */
    public void prepareAll() {
        prepared.clear();
        stored().forEach(this::write);
    }

    void drop(ExecutionBucket bucket) {
        read(bucket).drop();
        prepared.remove(bucket);
    }

    /** Splits items by bucket, keeping their order within each, buckets in the order first seen. */
    static <T> Map<ExecutionBucket, List<T>> byBucket(Iterable<T> items, Function<T, String> id) {
        Map<ExecutionBucket, List<T>> parts = new LinkedHashMap<>();
        for (T item : items) {
            parts.computeIfAbsent(ExecutionBucket.ofId(id.apply(item)), b -> new ArrayList<>()).add(item);
        }
        return parts;
    }
}
