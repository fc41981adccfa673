package io.texium.scheduler.it;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;

/**
 * What requests may change, read straight from the store: every document of every collection, minus what the
 * scheduler writes on its own while requests come and go, so that two reads around a refused request must be equal.
 */
record StoredData(Map<String, Map<String, Document>> collections) {

    /** Written by the scheduler itself: heartbeats, cluster state, published timers, the change feed (pruned), maintained counts, the daily claim. */
    static final Set<String> BACKGROUND_COLLECTIONS = Set.of("scheduler_instances", "scheduler_state", "scheduler_changes",
            "scheduler_execution_counts", "scheduler_execution_buckets", "scheduler_housekeeping",
            "scheduler_timer_snapshots", "scheduler_due", "scheduler_timer_replies");
    /** Job fields the run path maintains around each run (its counts, the runs claimed and not ended, its last fires). */
    static final Map<String, Set<String>> BACKGROUND_FIELDS = Map.of(
            "scheduler_jobs", Set.of("total_executions", "last_run_time", "next_run_time", "active_runs", "recent_fires"));
    /** An hourly execution collection: requests add manual runs; fires and their outcomes come from the timers. */
    static final String EXECUTIONS_PREFIX = "scheduler_executions";

    /** Audit entries a read writes on purpose: a backup's download is recorded. */
    static final Set<String> AUDITED_READS = Set.of("backup_downloaded");

    static StoredData read(MongoDatabase database) {
        Map<String, Map<String, Document>> collections = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            if (BACKGROUND_COLLECTIONS.contains(name)) {
                continue;
            }
            Map<String, Document> documents = new TreeMap<>();
            var collection = database.getCollection(name);
            if (name.startsWith(EXECUTIONS_PREFIX)) {
                // a manual run's id is the request's doing; its status and times move on in the background
                collection.find(Filters.eq("trigger", "manual")).projection(new Document("_id", 1))
                        .forEach(d -> documents.put(String.valueOf(d.get("_id")), d));
            } else {
                Set<String> background = BACKGROUND_FIELDS.getOrDefault(name, Set.of());
                collection.find().forEach(d -> {
                    if (name.equals("scheduler_audit") && AUDITED_READS.contains(d.getString("event"))) {
                        return;
                    }
                    background.forEach(d::remove);
                    documents.put(String.valueOf(d.get("_id")), d);
                });
            }
            collections.put(name, documents);
        }
        return new StoredData(collections);
    }

    /** How {@code after} differs from this: added, removed and changed documents, by collection and id. */
    List<String> differences(StoredData after) {
        List<String> differences = new ArrayList<>();
        var names = new java.util.TreeSet<>(collections.keySet());
        names.addAll(after.collections.keySet());
        for (String name : names) {
            var before = collections.getOrDefault(name, Map.of());
            var now = after.collections.getOrDefault(name, Map.of());
            var ids = new java.util.TreeSet<>(before.keySet());
            ids.addAll(now.keySet());
            for (String id : ids) {
                if (!Objects.equals(before.get(id), now.get(id))) {
                    differences.add(name + "/" + id + ": " + json(before.get(id)) + " -> " + json(now.get(id)));
                }
            }
        }
        return differences;
    }

    private static String json(Document document) {
        return document == null ? "(none)" : RawHttp.abbreviate(document.toJson());
    }
}
