package io.texium.scheduler.bench;

import io.texium.scheduler.executions.control.ExecutionBucket;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Scenario spread: N EchoJob jobs due in the same second, drained by one instance, then by two on the same store
 * (each with two owners per job: both arm every job and race for the claims; and with one owner per job: each arms
 * about half). Prints the drain throughput, N / (last completed_at - due), of each, and how the runs split.
 */
final class SpreadBench {

    private final BenchSettings settings;
    private final BenchStore store;

    SpreadBench(BenchSettings settings, BenchStore store) {
        this.settings = settings;
        this.store = store;
    }

    /** The figures, by row name. */
    Map<String, String> run() throws Exception {
        int n = settings.quick() ? 2_000 : 10_000;
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put(SpreadBench.label(n, "one instance"), once(n, 1, 2));
        rows.put(SpreadBench.label(n, "two instances, 2 owners per job (default)"), once(n, 2, 2));
        rows.put(SpreadBench.label(n, "two instances, 1 owner per job"), once(n, 2, 1));
        return rows;
    }

    private static String label(int n, String how) {
        return String.format("%,d due at once, %s: drain throughput (N / (last completed_at - due))", n, how);
    }

    private String once(int n, int instances, int owners) throws Exception {
        String database = "spread" + instances + "o" + owners;
        List<PayaraServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                servers.add(PayaraServer.start(settings, database + "-" + i, store.uri(), database, settings.startupTimeout(0),
                        List.of("-Dtexium.instance.owners=" + owners, "-Dtexium.instance.heartbeat-seconds=2",
                                "-Dtexium.instance.ttl-seconds=10")));
            }
            MongoDatabase db = store.database(database);
            String adminId = BenchRunner.adminId(servers.get(0).admin());
            Instant due = Instant.now().plusSeconds(40).truncatedTo(ChronoUnit.SECONDS);
            Map<String, String> schedule = JobDocuments.hourlyAt(due);
            Instant now = Instant.now();
            List<String> ids = JobDocuments.insert(db, n, i -> JobDocuments.job(adminId, "spread-" + i, schedule, now));
            db.getCollection("scheduler_changes").updateOne(Filters.eq("_id", new ObjectId()), new Document("$set",
                    new Document("kind", "reconcile").append("target", "all").append("origin", "bench"))
                    .append("$currentDate", new Document("at", true)), new UpdateOptions().upsert(true));
            long expected = (long) n * Math.min(owners, instances);
            long armed = 0;
            while (Instant.now().isBefore(due.minusSeconds(3))) {
                armed = 0;
                for (PayaraServer server : servers) {
                    var reply = server.admin().get("api/scheduler/timers?page_size=1");
                    armed += reply.ok() ? reply.json().getJsonNumber("total").longValue() : 0;
                }
                if (armed >= expected) {
                    break;
                }
                Thread.sleep(1_000);
            }
            BenchRunner.log("spread %d instance(s), %d owner(s): %d timers armed for %d jobs, due at %s", instances, owners,
                    armed, n, due);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), due).toMillis()));
            var executions = db.getCollection(ExecutionBucket.of(due).collection());
            var ofDue = Filters.eq("scheduled_time", Date.from(due));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline
                    && executions.countDocuments(Filters.and(ofDue, Filters.in("status", "succeeded", "failed"))) < n) {
                Thread.sleep(250);
            }
            Set<String> ours = new HashSet<>(ids);
            List<Document> docs = executions.find(ofDue).into(new ArrayList<>()).stream()
                    .filter(d -> ours.contains(d.getString("job_id"))).toList();
            Map<String, Integer> byInstance = new LinkedHashMap<>();
            docs.forEach(d -> byInstance.merge(String.valueOf(d.getString("instance_id")), 1, Integer::sum));
            var run = FireLagFigures.Run.of(n, due, docs, armed < expected ? "only " + armed + " timers armed" : null);
            String value = String.format("%,.0f runs/s (not run %d; runs per instance %s; timers %,d; lag p50/p99 %s)",
                    run.drainRunsPerSecond(), run.notRun(), byInstance.values(), armed, Samples.dist(run.lag()));
            BenchRunner.log("spread %d instance(s), %d owner(s): %s", instances, owners, value);
            return value;
        } finally {
            for (PayaraServer server : servers) {
                server.close();
            }
            store.database(database).drop();
        }
    }
}
