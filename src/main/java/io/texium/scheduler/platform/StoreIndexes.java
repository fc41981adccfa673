package io.texium.scheduler.platform;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Every index of the application, created (idempotently) whenever the store comes up, after the schema upgrade, so
 * that a migration may first reshape what an index needs. The unique ones are what make a duplicate that races past
 * the checks a 409 (users) or a refused claim (tokens); the others serve the filters. The executions' hourly buckets
 * get theirs when first written ({@code ExecutionBuckets}).
 */
@ApplicationScoped
public class StoreIndexes {

    /** The observer priority: right after the schema upgrade (10), before anything that reads or writes. */
    static final int PRIORITY = 20;

    /** One index: collection, field, order, uniqueness. */
    private record Index(String collection, String field, boolean descending, boolean unique) {
    }

    private static final List<Index> INDEXES = List.of(
            new Index("scheduler_jobs", "user_id", false, false),
            new Index("scheduler_jobs", "name", false, false),
            new Index("scheduler_jobs", "is_enabled", false, false),
            new Index("users", "username", false, true),
            new Index("users", "email", false, true),
            new Index("servers", "user_id", false, false),
            new Index("api_tokens", "token_hash", false, true),
            new Index("api_tokens", "user_id", false, false),
            new Index("scheduler_audit", "time", true, false),
            new Index("scheduler_audit", "owner_id", false, false),
            new Index("scheduler_audit", "job_id", false, false));

    @Inject
    MongoStore store;

    void onStore(@Observes @Priority(PRIORITY) StoreAvailable available) {
        create(store.database());
    }

    /** Creates any index that is missing (the Maintenance job's repair); returns how many the application keeps. */
    public int ensure() {
        create(store.database());
        return INDEXES.size();
    }

    static void create(MongoDatabase db) {
        for (Index index : INDEXES) {
            db.getCollection(index.collection()).createIndex(
                    index.descending() ? Sorts.descending(index.field()) : Sorts.ascending(index.field()),
                    new IndexOptions().name(index.field()).unique(index.unique()));
        }
    }
}
