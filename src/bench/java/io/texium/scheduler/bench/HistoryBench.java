package io.texium.scheduler.bench;

import com.mongodb.client.model.UpdateOptions;
import io.texium.scheduler.executions.control.ExecutionBucket;
import java.util.HashMap;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Scenario 4: a store holding 1,000,000 executions (quick: 100,000) of about 100 jobs over 30 days, one job in ten
 * owned by a plain user; p99 for one client in sequence of the newest page, one job's page, a filtered page, the
 * stats, and the six dashboard endpoints as the admin (24 h, and 168 h for the windowed ones) and as the user. The
 * dashboard is probed once the server's background loop has rolled up the 168 finished hours it can need (the
 * time that took is a row too); the current hour is always read live, as it is in service.
 */
final class HistoryBench {

    private static final int BATCH = 1_000;

    /** The figures of one run. */
    record Result(int executions, Map<String, BenchClient.Probe> latencies, Map<String, String> facts) {
    }

    static final String USER_NAME = "bench-history-user";
    static final String USER_PASSWORD = "bench-history-password-0123";
    /** The finished hours the longest dashboard window reads from rollups. */
    private static final int ROLLED_HOURS = 168;

    /** A job that executions refer to. */
    record JobRef(String id, String name, String userId) {
    }

    private final BenchSettings settings;
    private final BenchStore store;
    private final String database;

    HistoryBench(BenchSettings settings, BenchStore store, String database) {
        this.settings = settings;
        this.store = store;
        this.database = database;
    }

    Result run() throws IOException, InterruptedException {
        MongoDatabase db = store.database(database);
        try (var server = PayaraServer.start(settings, "history", store.uri(), database, settings.startupTimeout(0))) {
            var admin = server.admin();
            String adminId = BenchRunner.adminId(admin);
            var created = admin.post("api/users/", """
                    {"username": "%s", "email": "%s@example.com", "full_name": "History User", "role": "user", "password": "%s"}"""
                    .formatted(USER_NAME, USER_NAME, USER_PASSWORD));
            if (created.status() != 201) {
                throw new IllegalStateException("could not create the history user: " + created.status() + " " + created.body());
            }
            String userId = created.json().getJsonObject("data").getString("id");
            Instant now = Instant.now();
            Random random = new Random(7);
            List<String> ids = JobDocuments.insert(db, settings.historyJobs(),
                    i -> JobDocuments.job(ownerOf(i, adminId, userId), "history-" + i, JobDocuments.varied(i, random, now), now));
            List<JobRef> jobs = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                jobs.add(new JobRef(ids.get(i), "history-" + i, ownerOf(i, adminId, userId)));
            }
            long start = System.nanoTime();
            seedExecutions(db, jobs, settings.historyExecutions(), now);
            fillCurrentHour(db, jobs, settings.historyExecutions(), now);
            BenchRunner.log("history: seeded %,d executions in %.1f s", settings.historyExecutions(), (System.nanoTime() - start) / 1e9);
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("dashboard: the " + ROLLED_HOURS + " finished hours (and their whole days) rolled up by the server after the seeding",
                    awaitRollups(db));
            String since = now.minus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
            Map<String, BenchClient.Probe> latencies = new LinkedHashMap<>();
            latencies.put("GET /api/scheduler/executions?page_size=50", probe(admin, "api/scheduler/executions?page_size=50"));
            latencies.put("GET /api/scheduler/executions?job_id=X&page_size=50",
                    probe(admin, "api/scheduler/executions?page_size=50&job_id=" + jobs.get(0).id()));
            latencies.put("GET /api/scheduler/executions?status=failed&since=7 days ago",
                    probe(admin, "api/scheduler/executions?page_size=50&status=failed&since=" + since));
            latencies.put("GET /api/scheduler/stats", probe(admin, "api/scheduler/stats"));
            var user = server.anonymous().as(USER_NAME, USER_PASSWORD);
            // the first call of a scope reads and parses the stored rollups; later ones reuse them while they hold
            for (String first : List.of("slowest?hours=168", "failing?hours=168", "summary?hours=168")) {
                long t0 = System.nanoTime();
                var reply = admin.get("api/scheduler/dashboard/" + first);
                facts.put("dashboard: first call after start of GET /api/scheduler/dashboard/" + first + " (admin, nothing parsed yet)",
                        String.format("%.1f ms (status %d)", (System.nanoTime() - t0) / 1e6, reply.status()));
            }
            for (String endpoint : List.of("summary", "hourly", "lag", "slowest", "failing", "upcoming")) {
                latencies.put("GET /api/scheduler/dashboard/" + endpoint + " (admin, 24 h)",
                        probe(admin, "api/scheduler/dashboard/" + endpoint));
                if (!endpoint.equals("upcoming")) {
                    latencies.put("GET /api/scheduler/dashboard/" + endpoint + "?hours=168 (admin)",
                            probe(admin, "api/scheduler/dashboard/" + endpoint + "?hours=168"));
                }
                latencies.put("GET /api/scheduler/dashboard/" + endpoint + " (user with 1 job in 10, 24 h)",
                        probe(user, "api/scheduler/dashboard/" + endpoint));
            }
            facts.put("dashboard: executions in the current hour, read live by every dashboard call",
                    String.format("%,d", db.getCollection(ExecutionBucket.of(Instant.now()).collection()).countDocuments()));
            return new Result(settings.historyExecutions(), latencies, facts);
        }
    }

    /**
     * Tops the current hour up to the hourly average of the seeded 30 days, spread over its part until now: every
     * dashboard call reads the current hour live, so a bench run early in an hour would otherwise measure an almost
     * empty one. (The 30 days hold {@code count} executions; these come on top.)
     */
    private static void fillCurrentHour(MongoDatabase db, List<JobRef> jobs, int count, Instant now) {
        Instant hourStart = now.truncatedTo(ChronoUnit.HOURS);
        long present = db.getCollection(ExecutionBucket.of(now).collection()).countDocuments();
        int missing = (int) Math.max(0, count / (30 * 24) - present);
        long spanMillis = Math.max(1, Duration.between(hourStart, now).toMillis());
        if (missing > 0 && spanMillis > 1_000) {
            seedExecutions(db, jobs, missing, hourStart, spanMillis);
        }
        BenchRunner.log("history: the current hour holds %,d executions", present + missing);
    }

    /** One job in ten is the plain user's. */
    private static String ownerOf(int i, String adminId, String userId) {
        return i % 10 == 0 ? userId : adminId;
    }

    /**
     * Waits (up to 10 minutes) until the server's rollup loop has written the rollups of the last finished hours, and
     * answers how long that took after the seeding.
     */
    private static String awaitRollups(MongoDatabase db) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(10).toNanos();
        long rolled = 0;
        long days = 0;
        while (System.nanoTime() < deadline) {
            rolled = db.getCollection("scheduler_dashboard_hours").countDocuments();
            days = db.getCollection("scheduler_dashboard_days").countDocuments();
            if (rolled >= ROLLED_HOURS && days >= ROLLED_HOURS / 24 - 1) {
                break;
            }
            Thread.sleep(500);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        BenchRunner.log("history: %d hours and %d days rolled up in %.1f s", rolled, days, seconds);
        return String.format("%.1f s (%d hours, %d whole days)", seconds, rolled, days);
    }

    private BenchClient.Probe probe(BenchClient client, String path) {
        return client.probe(path, settings.warmUpRequests(), settings.latencyRequests(), settings.latencyBudget());
    }

    /**
     * Writes {@code count} finished executions of {@code jobs}, due at whole seconds spread evenly over the 30 days
     * before {@code now}, 95% succeeded and 5% failed, in batches of 1,000. The one place that knows how executions
     * are stored: in hourly buckets ({@link ExecutionBucket}, by the id's time) with their per-bucket counts
     * ({@code scheduler_execution_buckets}) and the per-user, per-status counts ({@code scheduler_execution_counts}).
     */
    static void seedExecutions(MongoDatabase db, List<JobRef> jobs, int count, Instant now) {
        seedExecutions(db, jobs, count, now.minus(Duration.ofDays(30)), Duration.ofDays(30).toMillis());
    }

    /** {@code count} executions due evenly over {@code spanMillis} from {@code from}, stored and counted as above. */
    static void seedExecutions(MongoDatabase db, List<JobRef> jobs, int count, Instant from, long spanMillis) {
        Map<String, Map<String, Integer>> bucketCounts = new HashMap<>();
        Map<String, Long> statusCounts = new HashMap<>();
        Random random = new Random(11);
        List<Document> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < count; i++) {
            JobRef job = jobs.get(i % jobs.size());
            Instant due = from.plusMillis(spanMillis * i / count).truncatedTo(ChronoUnit.SECONDS);
            boolean failed = random.nextInt(100) < 5;
            Instant fired = due.plusMillis(40 + random.nextInt(40));
            Instant created = fired.plusMillis(2 + random.nextInt(5));
            Instant started = created.plusMillis(1 + random.nextInt(5));
            Instant completed = started.plusMillis(1 + random.nextInt(20));
            var doc = new Document("_id", new ObjectId(Date.from(created)))
                    .append("job_id", job.id())
                    .append("user_id", job.userId())
                    .append("job_name", job.name())
                    .append("job_class_string", JobDocuments.ECHO)
                    .append("status", failed ? "failed" : "succeeded")
                    .append("trigger", "schedule")
                    .append("scheduled_time", Date.from(due))
                    .append("fired_at", Date.from(fired))
                    .append("created_at", Date.from(created))
                    .append("started_at", Date.from(started))
                    .append("completed_at", Date.from(completed))
                    .append("duration_ms", Duration.between(started, completed).toMillis())
                    .append("output", failed ? null : "{\"args\":[],\"kwargs\":{}}")
                    .append("instance_id", "bench")
                    .append("hostname", "bench");
            if (failed) {
                doc.append("error", "java.lang.IllegalStateException: seeded failure");
            }
            batch.add(doc);
            String bucket = ExecutionBucket.ofId(doc.getObjectId("_id").toHexString()).name();
            for (String kind : List.of("all", "job:" + job.id(), "user:" + job.userId())) {
                bucketCounts.computeIfAbsent(kind, k -> new HashMap<>()).merge(bucket, 1, Integer::sum);
            }
            statusCounts.merge(job.userId() + "/" + doc.getString("status"), 1L, Long::sum);
            if (batch.size() == BATCH || i == count - 1) {
                insertByBucket(db, batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        bucketCounts.forEach((kind, perBucket) -> {
            Document inc = new Document();
            perBucket.forEach(inc::append);
            db.getCollection("scheduler_execution_buckets").updateOne(new Document("_id", kind),
                    new Document("$inc", inc), new UpdateOptions().upsert(true));
        });
        statusCounts.forEach((key, n) -> {
            String[] userAndStatus = key.split("/", 2);
            db.getCollection("scheduler_execution_counts").updateOne(new Document("_id", key),
                    new Document("$inc", new Document("count", n)).append("$setOnInsert",
                            new Document("user_id", userAndStatus[0]).append("status", userAndStatus[1])),
                    new UpdateOptions().upsert(true));
        });
    }

    private static void insertByBucket(MongoDatabase db, List<Document> batch) {
        Map<String, List<Document>> byBucket = new HashMap<>();
        for (Document doc : batch) {
            byBucket.computeIfAbsent(ExecutionBucket.ofId(doc.getObjectId("_id").toHexString()).collection(),
                    c -> new ArrayList<>()).add(doc);
        }
        byBucket.forEach((collection, docs) -> db.getCollection(collection).insertMany(docs));
    }
}
