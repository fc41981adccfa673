package io.texium.scheduler.executions.control;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.platform.MongoStore;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;

/** The execution store's classes wired by hand on a mongo-java-server (in memory unless given a backend), for plain tests. */
final class ExecutionStore implements AutoCloseable {

    final MongoServer server;
    final MongoClient client;
    final MongoDatabase db;
    /** The buckets, noting each bucket a read asks for. */
    final ExecutionBuckets buckets = new ExecutionBuckets() {
        @Override
        MongoCollection<Document> read(ExecutionBucket bucket) {
            reads.add(bucket);
            return super.read(bucket);
        }
    };
    final List<ExecutionBucket> reads = new CopyOnWriteArrayList<>();
    final ExecutionCounts counts = new ExecutionCounts();
    final ExecutionWrites writes = new ExecutionWrites();
    final ExecutionQueries queries = new ExecutionQueries();
    final ExecutionMigration migration = new ExecutionMigration();
    final ExecutionRetention retention = new ExecutionRetention();

    ExecutionStore() {
        this(new MemoryBackend());
    }

    ExecutionStore(MongoBackend backend) {
        server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        db = client.getDatabase("test");
        MongoStore store = new MongoStore() {
            @Override
            public MongoDatabase database() {
                return db;
            }
        };
        buckets.store = store;
        counts.store = store;
        counts.buckets = buckets;
        writes.buckets = buckets;
        writes.counts = counts;
        queries.buckets = buckets;
        queries.counts = counts;
        migration.store = store;
        migration.buckets = buckets;
        migration.counts = counts;
        retention.buckets = buckets;
        retention.counts = counts;
    }

    /** Every stored execution, newest first, read bucket by bucket without the classes under test. */
    List<Execution> all() {
        List<Execution> all = new ArrayList<>();
        for (ExecutionBucket bucket : buckets.stored().reversed()) {
            for (Document d : buckets.read(bucket).find().sort(new Document("_id", -1))) {
                all.add(ExecutionWrites.execution(d));
            }
        }
        return all;
    }

    /** A finished execution of a job, due at the given second. */
    static Execution finished(String jobId, String userId, Instant due, ExecutionStatus status) {
        return new Execution().id(io.texium.scheduler.platform.Ids.forFire(jobId, due)).jobId(jobId).userId(userId)
                .jobName("job " + jobId).jobClassString("jobs.echo.EchoJob").status(status).trigger("schedule")
                .scheduledTime(due).createdAt(due.plusMillis(40)).startedAt(due.plusMillis(45))
                .completedAt(due.plusMillis(60)).durationMs(15L).output(status == ExecutionStatus.succeeded ? "ok" : null)
                .error(status == ExecutionStatus.failed ? "boom" : null).instanceId("i-1").hostname("host");
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
