package io.texium.scheduler.platform;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;

/** The secondary indexes the queries of the API rely on, created (idempotently) at start-up. */
final class StoreIndexes {

    private StoreIndexes() {
    }

    static void create(MongoDatabase db) {
        var jobs = db.getCollection("scheduler_jobs");
        jobs.createIndex(Sorts.ascending("user_id"), new IndexOptions().name("user_id"));
        jobs.createIndex(Sorts.ascending("name"), new IndexOptions().name("name"));
        jobs.createIndex(Sorts.ascending("is_enabled"), new IndexOptions().name("is_enabled"));
        var executions = db.getCollection("scheduler_executions");
        executions.createIndex(Sorts.ascending("job_id"), new IndexOptions().name("job_id"));
        executions.createIndex(Sorts.ascending("user_id"), new IndexOptions().name("user_id"));
        executions.createIndex(Sorts.ascending("status"), new IndexOptions().name("status"));
        executions.createIndex(Sorts.descending("created_at"), new IndexOptions().name("created_at"));
    }
}
