package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.UpdateOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.texium.scheduler.executions.control.ExecutionBucket;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two scheduler processes on one store: a change made through one re-arms the other within seconds, every fire
 * runs once whichever instance claims it, and when one is killed (SIGKILL) the survivor takes over what it held.
 */
class ClusterIT {

    static final int HEARTBEAT_SECONDS = 1;
    static final int TTL_SECONDS = 4;

    static MongoServer store;
    static String uri;

    @BeforeAll
    static void startStore() {
        store = new MongoServer(new MemoryBackend());
        store.bind(new InetSocketAddress("127.0.0.1", 0));
        uri = "mongodb://127.0.0.1:" + store.getLocalAddress().getPort();
    }

    @AfterAll
    static void stopStore() {
        store.shutdownNow();
    }

    @Test
    void a_change_reaches_the_other_instance_and_a_survivor_takes_over_a_killed_one() throws Exception {
        Path dir = Files.createTempDirectory(PayaraProcess.targetDir().toPath(), "cluster-");
        var properties = Map.of("texium.admin.password", Api.ADMIN_PASSWORD, "texium.data.dir", dir.resolve("unused").toString(),
                "texium.instance.heartbeat-seconds", String.valueOf(HEARTBEAT_SECONDS),
                "texium.instance.ttl-seconds", String.valueOf(TTL_SECONDS), "texium.workers", "2");
        var environment = Map.of("TEXIUM_MONGODB_URI", uri, "TEXIUM_MONGODB_DATABASE", "cluster_test");
        try (var a = PayaraProcess.start(dir.resolve("a.log"), properties, environment);
             var b = PayaraProcess.start(dir.resolve("b.log"), properties, environment)) {
            var apiA = a.api().asAdmin();
            var apiB = b.api().asAdmin();

            String tick = apiA.post("api/scheduler/jobs", """
                    {"job_class_string": "jobs.echo.EchoJob", "name": "tick", "second": "*"}""").json().getString("job_id");
            Duration armedElsewhere = untilTimer(apiB, tick, true);
            System.out.printf("[measure] job created on A has its timer on B after %d ms%n", armedElsewhere.toMillis());
            assertThat(armedElsewhere).isLessThan(Duration.ofSeconds(5));

            assertThat(apiB.patch("api/scheduler/jobs/" + tick + "/pause").status()).isEqualTo(200);
            Duration disarmedElsewhere = untilTimer(apiA, tick, false);
            System.out.printf("[measure] job paused on B lost its timer on A after %d ms%n", disarmedElsewhere.toMillis());
            assertThat(disarmedElsewhere).isLessThan(Duration.ofSeconds(5));
            assertThat(apiB.patch("api/scheduler/jobs/" + tick + "/resume").status()).isEqualTo(200);
            assertThat(untilTimer(apiA, tick, true)).isLessThan(Duration.ofSeconds(5));
            Instant firing = Instant.now().plusSeconds(1);

            String idA = selfId(apiA);
            String queued = plant(tick, idA, "scheduled");
            String running = plant(tick, idA, "running");
            Thread.sleep(3_000);
            a.kill();
            Instant killed = Instant.now();

            var survivor = apiB.await("api/scheduler/executions/" + running,
                    r -> r.status() == 200 && "failed".equals(r.data().getString("status")), Duration.ofSeconds(TTL_SECONDS + 10));
            System.out.printf("[measure] the killed instance's work was taken over %d ms after SIGKILL%n",
                    Duration.between(killed, Instant.now()).toMillis());
            assertThat(survivor.data().getString("error")).contains("instance lost");
            var adopted = apiB.await("api/scheduler/executions/" + queued,
                    r -> r.status() == 200 && "succeeded".equals(r.data().getString("status")), Duration.ofSeconds(5));
            assertThat(adopted.data().getString("status")).as(adopted.text()).isEqualTo("succeeded");
            assertThat(adopted.data().getString("instance_id")).isEqualTo(selfId(apiB));
            assertThat(apiB.get("api/scheduler/instances").json().getJsonArray("data")).hasSize(1);

            Thread.sleep(2_000);
            Instant until = Instant.now().minusSeconds(2);
            assertEachSecondRanOnce(apiB, tick, firing, until, List.of(queued, running));
        }
    }

    /** Every due second of the per-second job between the two instants has exactly one execution, and it ended. */
    private static void assertEachSecondRanOnce(Api api, String jobId, Instant from, Instant until, List<String> planted) {
        Map<Instant, List<JsonObject>> bySecond = new HashMap<>();
        for (JsonValue v : api.get("api/scheduler/executions?job_id=" + jobId + "&page_size=500").json().getJsonArray("data")) {
            var x = v.asJsonObject();
            if (!planted.contains(x.getString("id"))) {
                bySecond.computeIfAbsent(Instant.parse(x.getString("scheduled_time")), k -> new ArrayList<>()).add(x);
            }
        }
        List<String> wrong = new ArrayList<>();
        for (Instant s = from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS); s.isBefore(until); s = s.plusSeconds(1)) {
            var runs = bySecond.getOrDefault(s, List.of());
            if (runs.size() != 1 || !List.of("succeeded", "failed").contains(runs.get(0).getString("status"))) {
                wrong.add(s + " -> " + runs);
            }
        }
        assertThat(wrong).as("seconds without exactly one ended execution").isEmpty();
    }

    /**
     * An execution of the job held by the instance, as if it had claimed (scheduled) or started (running) it: in its
     * hourly bucket, with the counts the scheduler keeps for what it writes (see {@code ExecutionCounts}).
     */
    private static String plant(String jobId, String instanceId, String status) {
        try (var client = MongoClients.create(uri)) {
            var db = client.getDatabase("cluster_test");
            var id = new ObjectId();
            Instant now = Instant.now();
            String userId = db.getCollection("users").find(new Document("username", "admin")).first().getObjectId("_id").toHexString();
            var doc = new Document("_id", id).append("job_id", jobId).append("status", status)
                    .append("trigger", "schedule").append("scheduled_time", Date.from(now.minusSeconds(1)))
                    .append("created_at", Date.from(now)).append("instance_id", instanceId)
                    .append("job_name", "tick").append("job_class_string", "jobs.echo.EchoJob").append("user_id", userId);
            if (status.equals("running")) {
                doc.append("started_at", Date.from(now));
            }
            var bucket = ExecutionBucket.ofId(id.toHexString());
            for (String kind : List.of("all", "open", "job:" + jobId, "user:" + userId)) {
                db.getCollection("scheduler_execution_buckets").updateOne(new Document("_id", kind),
                        new Document("$inc", new Document(bucket.name(), 1)), new UpdateOptions().upsert(true));
            }
            db.getCollection(bucket.collection()).insertOne(doc);
            db.getCollection("scheduler_execution_counts").updateOne(new Document("_id", userId + "/" + status),
                    new Document("$inc", new Document("count", 1)).append("$setOnInsert",
                            new Document("user_id", userId).append("status", status)), new UpdateOptions().upsert(true));
            return id.toHexString();
        }
    }

    private static String selfId(Api api) {
        for (JsonValue v : api.get("api/scheduler/instances").json().getJsonArray("data")) {
            if (v.asJsonObject().getBoolean("self")) {
                return v.asJsonObject().getString("id");
            }
        }
        throw new IllegalStateException("no instance marked self");
    }

    /** How long until the instance shows (or no longer shows) a timer for the job. */
    private static Duration untilTimer(Api api, String jobId, boolean present) {
        long started = System.nanoTime();
        api.await("api/scheduler/timers?job_id=" + jobId,
                r -> (r.json().getJsonArray("data").size() == 1) == present, Duration.ofSeconds(10));
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
