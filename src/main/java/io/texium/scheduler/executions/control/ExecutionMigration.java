package io.texium.scheduler.executions.control;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.upgrade.Migration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.bson.BsonType;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Schema version 1: moves the executions of earlier versions' single {@code scheduler_executions} collection into
 * their hourly buckets (idempotent: a copy already in its bucket is kept, then the original deleted, so a step
 * stopped half-way resumes where it stopped), and rebuilds the maintained counts when it moved any.
 */
@ApplicationScoped
public class ExecutionMigration implements Migration {

    private static final Logger LOG = Logger.getLogger(ExecutionMigration.class.getName());
    static final String LEGACY = "scheduler_executions";
    private static final int BATCH = 1_000;

    @Inject
    MongoStore store;

    @Inject
    ExecutionBuckets buckets;

    @Inject
    ExecutionCounts counts;

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "executions of the single collection " + LEGACY + " moved into hourly buckets, counts rebuilt";
    }

    @Override
    public void apply() {
        migrate();
    }

    /** Moves the old collection's executions into their buckets; answers how many it moved. */
    long migrate() {
        MongoCollection<Document> legacy = store.database().getCollection(LEGACY);
        Bson movable = Filters.type("_id", BsonType.OBJECT_ID);
        long moved = 0;
        for (List<Document> batch = next(legacy, movable); !batch.isEmpty(); batch = next(legacy, movable)) {
            // copied first, deleted after: a migration stopped in between finds the copies and keeps them
            ExecutionBuckets.byBucket(batch, d -> d.getObjectId("_id").toHexString()).forEach(buckets::insert);
            legacy.deleteMany(Filters.in("_id", batch.stream().map(d -> d.get("_id")).toList()));
            moved += batch.size();
            if (moved % 100_000 < BATCH) {
                long n = moved;
                LOG.info(() -> n + " executions moved into hourly buckets so far");
            }
        }
        if (moved > 0) {
            long n = moved;
            LOG.info(() -> n + " executions moved into hourly buckets");
            counts.rebuild();
        }
        return moved;
    }

    private static List<Document> next(MongoCollection<Document> legacy, Bson movable) {
        return legacy.find(movable).limit(BATCH).into(new ArrayList<>());
    }
}
