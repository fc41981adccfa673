package io.texium.scheduler.upgrade;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.texium.scheduler.platform.DuplicateKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * The stored data's schema version: the document {@code schema_version} of {@code scheduler_schema}, with the version
 * and, in {@code applied}, every step that brought the store there (version, description, when, how long, by which
 * instance). A store without it is at version 0: new, or written before versions were kept. The version only grows,
 * so a step recorded twice (by an instance that lost its lease and the one that took it over) counts once.
 */
final class SchemaVersion {

    static final String COLLECTION = "scheduler_schema";
    static final String ID = "schema_version";

    private final MongoCollection<Document> schema;

    SchemaVersion(MongoDatabase db) {
        schema = db.getCollection(COLLECTION);
    }

    int current() {
        Document record = schema.find(Filters.eq("_id", ID)).first();
        return record == null ? 0 : record.getInteger("version", 0);
    }

    /** Records that {@code step} was applied; false when the store was at its version or beyond already. */
    boolean record(Migration step, Instant appliedAt, Duration took, String instanceId) {
        Document entry = new Document("version", step.version()).append("description", step.description())
                .append("applied_at", Date.from(appliedAt)).append("duration_ms", took.toMillis())
                .append("instance_id", instanceId);
        try {
            // a store beyond this version matches nothing, and the upsert then collides with the record's _id
            schema.updateOne(Filters.and(Filters.eq("_id", ID), Filters.lt("version", step.version())),
                    Updates.combine(Updates.set("version", step.version()), Updates.set("updated_at", Date.from(appliedAt)),
                            Updates.push("applied", entry)), new UpdateOptions().upsert(true));
            return true;
        } catch (MongoException e) {
            if (DuplicateKeys.in(e)) {
                return false;
            }
            throw e;
        }
    }
}
