package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.UpdateOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.texium.scheduler.executions.control.ExecutionBucket;
import io.texium.scheduler.platform.LocalHttp;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two scheduler processes on one store. With the default two owners per job, each holds every job's timer: a change
 * made through one re-arms the other within seconds, every fire runs once whichever instance claims it, and when one
 * is killed (SIGKILL) the survivor takes over what it held. With one owner per job, the jobs are spread: each holds
 * about half of 1,000, both fire theirs with no fire lost while both live, and the survivor of a SIGKILL arms and
 * fires the other's half within the heartbeat time-to-live plus 5 s.
 * The per-second jobs here allow overlapping runs ({@code max_instances} 100): on two shared cores a run can wait in
 * the queue past its job's next second, and these tests count fires, not overlaps (PoliciesIT covers those).
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
                "texium.instance.ttl-seconds", String.valueOf(TTL_SECONDS), "texium.workers", "2",
                "texium.webhook.allowed-hosts", "127.0.0.1");
        var environment = Map.of("TEXIUM_MONGODB_URI", uri, "TEXIUM_MONGODB_DATABASE", "cluster_test");
        try (var a = PayaraProcess.start(dir.resolve("a.log"), properties, environment);
             var b = PayaraProcess.start(dir.resolve("b.log"), properties, environment)) {
            var apiA = a.api().asAdmin();
            var apiB = b.api().asAdmin();

            String tick = apiA.post("api/scheduler/jobs", """
                    {"job_class_string": "jobs.echo.EchoJob", "name": "tick", "second": "*", "max_instances": 100}""").json().getString("job_id");
            Duration armedElsewhere = untilTimer(apiB, tick, true);
            System.out.printf("[measure] job created on A has its timer on B after %d ms%n", armedElsewhere.toMillis());
            assertThat(armedElsewhere).isLessThan(Duration.ofSeconds(5));
            String idA = selfId(apiA);
            String idB = selfId(apiB);
            var timerOnA = apiA.get("api/scheduler/timers?job_id=" + tick).json().getJsonArray("data").getJsonObject(0);
            assertThat(timerOnA.getString("instance")).isEqualTo(idA);
            assertThat(strings(timerOnA.getJsonArray("owners"))).as("two owners: both instances").containsExactlyInAnyOrder(idA, idB);
            var everywhere = apiA.await("api/scheduler/timers?instance=all&job_id=" + tick,
                    r -> r.json().getJsonArray("data").size() == 2, Duration.ofSeconds(5)).json().getJsonArray("data");
            assertThat(everywhere.stream().map(v -> v.asJsonObject().getString("instance")).toList())
                    .as("this instance first, then the other's published snapshot").containsExactly(idA, idB);
            assertThat(apiA.get("api/scheduler/timers?instance=" + idB).json().getJsonNumber("total").longValue()).isEqualTo(1);
            assertThat(apiA.get("api/scheduler/timers?instance=6747a1c2e4b0a1b2c3d4e5f6").status()).isEqualTo(404);

            assertThat(apiB.patch("api/scheduler/jobs/" + tick + "/pause").status()).isEqualTo(200);
            Duration disarmedElsewhere = untilTimer(apiA, tick, false);
            System.out.printf("[measure] job paused on B lost its timer on A after %d ms%n", disarmedElsewhere.toMillis());
            assertThat(disarmedElsewhere).isLessThan(Duration.ofSeconds(5));
            assertThat(apiB.patch("api/scheduler/jobs/" + tick + "/resume").status()).isEqualTo(200);
            assertThat(untilTimer(apiA, tick, true)).isLessThan(Duration.ofSeconds(5));
            aCancelSentToOneInstanceStopsTheRunOnTheOther(apiA, apiB, idA);
            Instant firing = Instant.now().plusSeconds(1);

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

    @Test
    void with_one_owner_each_instance_holds_about_half_and_a_survivor_fires_the_killed_ones_half() throws Exception {
        Path dir = Files.createTempDirectory(PayaraProcess.targetDir().toPath(), "spread-");
        var properties = Map.of("texium.admin.password", Api.ADMIN_PASSWORD, "texium.data.dir", dir.resolve("unused").toString(),
                "texium.instance.heartbeat-seconds", String.valueOf(HEARTBEAT_SECONDS),
                "texium.instance.ttl-seconds", String.valueOf(TTL_SECONDS), "texium.workers", "8",
                "texium.instance.owners", "1");
        var environment = Map.of("TEXIUM_MONGODB_URI", uri, "TEXIUM_MONGODB_DATABASE", SPREAD_DB);
        try (var a = PayaraProcess.start(dir.resolve("a.log"), properties, environment)) {
            var apiA = a.api().asAdmin();
            String idA = selfId(apiA);
            List<String> jobs = insertJobs(SPREAD_JOBS);
            String tick = apiA.post("api/scheduler/jobs", """
                    {"job_class_string": "jobs.echo.EchoJob", "name": "tick", "second": "*", "max_instances": 100}""").json().getString("job_id");
            apiA.await("api/scheduler/timers?page_size=1", r -> total(r) == SPREAD_JOBS + 1, Duration.ofSeconds(10));
            Instant tickFrom = Instant.now().plusSeconds(1);

            try (var b = PayaraProcess.start(dir.resolve("b.log"), properties, environment)) {
                var apiB = b.api().asAdmin();
                String idB = selfId(apiB);
                long joined = System.nanoTime();
                apiA.await("api/scheduler/timers?page_size=1", r -> total(r) < SPREAD_JOBS, Duration.ofSeconds(10));
                long onA = total(apiA.get("api/scheduler/timers?page_size=1"));
                long onB = total(apiB.get("api/scheduler/timers?page_size=1"));
                System.out.printf("[measure] one owner per job: A holds %d timers, B %d (of %d jobs); A let B's go %d ms"
                        + " after B was ready%n", onA, onB, SPREAD_JOBS + 1, Duration.ofNanos(System.nanoTime() - joined).toMillis());
                assertThat(onA + onB).isEqualTo(SPREAD_JOBS + 1);
                assertThat(onA).isBetween(SPREAD_JOBS * 40L / 100, SPREAD_JOBS * 60L / 100);
                apiA.await("api/scheduler/timers?instance=all&page_size=1", r -> total(r) == SPREAD_JOBS + 1, Duration.ofSeconds(5));
                Map<String, Long> listed = new HashMap<>();
                for (int page = 1; page <= 3; page++) {
                    for (JsonValue v : apiA.get("api/scheduler/timers?instance=all&page_size=500&page=" + page).json().getJsonArray("data")) {
                        var t = v.asJsonObject();
                        assertThat(strings(t.getJsonArray("owners"))).containsExactly(t.getString("instance"));
                        listed.merge(t.getString("instance"), 1L, Long::sum);
                    }
                }
                assertThat(listed).containsExactlyInAnyOrderEntriesOf(Map.of(idA, onA, idB, onB));

                Instant windowFrom = Instant.now().plusSeconds(1);
                Thread.sleep(6_000);
                Instant windowUntil = Instant.now().minusSeconds(2);
                Map<String, Long> byInstance = assertEveryFireRanOnce(jobs, windowFrom, windowUntil);
                System.out.printf("[measure] fires of the %d two-second jobs from %s to %s claimed per instance: %s%n",
                        SPREAD_JOBS, windowFrom, windowUntil, byInstance);
                assertThat(byInstance.get(idA)).isPositive();
                assertThat(byInstance.get(idB)).isPositive();

                Set<String> onKilled = new HashSet<>(timerJobIds(apiB));
                b.kill();
                Instant killed = Instant.now();
                apiA.await("api/scheduler/timers?page_size=1", r -> total(r) == SPREAD_JOBS + 1,
                        Duration.ofSeconds(TTL_SECONDS + 10));
                System.out.printf("[measure] one owner per job: the survivor held all %d timers %d ms after SIGKILL%n",
                        SPREAD_JOBS + 1, Duration.between(killed, Instant.now()).toMillis());
                Instant deadline = killed.plusSeconds(TTL_SECONDS + 5);
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()) + 2_000);
                Map<String, Instant> firstAfter = firstFires(idA, killed);
                List<String> late = onKilled.stream().filter(j -> !j.equals(tick))
                        .filter(j -> firstAfter.get(j) == null || firstAfter.get(j).isAfter(deadline)).toList();
                Instant lastFirst = onKilled.stream().map(firstAfter::get).filter(java.util.Objects::nonNull)
                        .max(Instant::compareTo).orElse(killed);
                System.out.printf("[measure] the survivor fired all %d jobs of the killed instance by %d ms after SIGKILL%n",
                        onKilled.size(), Duration.between(killed, lastFirst).toMillis());
                assertThat(late).as("jobs of the killed instance not fired by the survivor within ttl + 5 s").isEmpty();
                assertEachSecondRanOnce(apiA, tick, tickFrom, killed.minusSeconds(1), List.of());
            }
        }
    }

    static final String SPREAD_DB = "cluster_spread";
    static final int SPREAD_JOBS = 1_000;

    /** EchoJobs every two seconds, owned by the administrator, written into the store; a reconcile change arms them. */
    private static List<String> insertJobs(int count) {
        try (var client = MongoClients.create(uri)) {
            var db = client.getDatabase(SPREAD_DB);
            String userId = db.getCollection("users").find(new Document("username", "admin")).first().getObjectId("_id").toHexString();
            List<String> ids = new ArrayList<>();
            List<Document> docs = new ArrayList<>();
            Date now = new Date();
            for (int i = 0; i < count; i++) {
                var id = new ObjectId();
                ids.add(id.toHexString());
                docs.add(new Document("_id", id).append("user_id", userId).append("job_class_string", "jobs.echo.EchoJob")
                        .append("name", "spread-" + i).append("second", "*/2").append("cron", null).append("timezone", "UTC")
                        .append("start_date", null).append("end_date", null).append("pub_args", List.of())
                        .append("pub_kwargs", new Document()).append("is_enabled", true).append("is_paused", false)
                        .append("created_at", now).append("updated_at", now).append("total_executions", 0L)
                        .append("version", 0L));
            }
            db.getCollection("scheduler_jobs").insertMany(docs);
            db.getCollection("scheduler_changes").updateOne(new Document("_id", new ObjectId()), new Document("$set",
                    new Document("kind", "reconcile").append("target", "all").append("origin", "test"))
                    .append("$currentDate", new Document("at", true)), new UpdateOptions().upsert(true));
            return ids;
        }
    }

    /** Every due time (even second) of the jobs in the window has an execution; returns the claims per instance. */
    private static Map<String, Long> assertEveryFireRanOnce(List<String> jobs, Instant from, Instant until) {
        Map<String, Long> byInstance = new HashMap<>();
        Set<String> seen = new HashSet<>();
        forEachExecution(new Document("scheduled_time", new Document("$gte", Date.from(from)).append("$lte", Date.from(until))), x -> {
            if (jobs.contains(x.getString("job_id")) && seen.add(x.getString("job_id") + "@" + x.getDate("scheduled_time").toInstant())) {
                byInstance.merge(x.getString("instance_id"), 1L, Long::sum);
            }
        });
        List<String> lost = new ArrayList<>();
        for (Instant t = from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS); !t.isAfter(until); t = t.plusSeconds(1)) {
            if (t.getEpochSecond() % 2 == 0 && !t.isBefore(from)) {
                for (String job : jobs) {
                    if (!seen.contains(job + "@" + t)) {
                        lost.add(job + "@" + t);
                    }
                }
            }
        }
        assertThat(lost).as("fires without an execution while both instances lived").isEmpty();
        return byInstance;
    }

    /** Per job, the earliest due time after {@code after} that the instance claimed. */
    private static Map<String, Instant> firstFires(String instanceId, Instant after) {
        Map<String, Instant> first = new HashMap<>();
        forEachExecution(new Document("instance_id", instanceId).append("scheduled_time", new Document("$gt", Date.from(after))),
                x -> first.merge(x.getString("job_id"), x.getDate("scheduled_time").toInstant(), (p, q) -> p.isBefore(q) ? p : q));
        return first;
    }

    private static void forEachExecution(Document filter, java.util.function.Consumer<Document> action) {
        try (var client = MongoClients.create(uri)) {
            var db = client.getDatabase(SPREAD_DB);
            for (String name : db.listCollectionNames()) {
                if (name.matches("scheduler_executions_\\d{10}")) {
                    db.getCollection(name).find(filter).forEach(action);
                }
            }
        }
    }

    private static List<String> timerJobIds(Api api) {
        List<String> ids = new ArrayList<>();
        for (int page = 1; ; page++) {
            var data = api.get("api/scheduler/timers?page_size=500&page=" + page).json().getJsonArray("data");
            data.forEach(v -> ids.add(v.asJsonObject().getString("job_id")));
            if (data.size() < 500) {
                return ids;
            }
        }
    }

    private static long total(Api.Reply reply) {
        return reply.json().getJsonNumber("total").longValue();
    }

    private static List<String> strings(jakarta.json.JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    /** Every due second of the per-second job between the two instants has exactly one execution, and it ended. */
    /** A run of A (a webhook call A's server holds open) is cancelled through B: A interrupts it and records it. */
    private static void aCancelSentToOneInstanceStopsTheRunOnTheOther(Api apiA, Api apiB, String idA) {
        try (var slow = new LocalHttp()) {
            String hook = apiA.post("api/scheduler/jobs", """
                    {"job_class_string": "jobs.webhook.WebhookJob", "name": "slow", "minute": "0", "year": "2099",
                     "pub_kwargs": {"url": "%s", "timeout_seconds": 60}}""".formatted(slow.url("/slow"))).json().getString("job_id");
            String run = apiA.post("api/scheduler/jobs/" + hook + "/run", null).json().getString("execution_id");
            var started = apiA.await("api/scheduler/executions/" + run,
                    r -> r.status() == 200 && "running".equals(r.data().getString("status")), Duration.ofSeconds(10));
            assertThat(started.data().getString("instance_id")).as(started.text()).isEqualTo(idA);

            Instant asked = Instant.now();
            var answer = apiB.post("api/scheduler/executions/" + run + "/cancel", null);
            assertThat(answer.status()).as(answer.text()).isIn(200, 202);
            var ended = apiB.await("api/scheduler/executions/" + run,
                    r -> r.status() == 200 && "cancelled".equals(r.data().getString("status")), Duration.ofSeconds(10));
            System.out.printf("[measure] a run on A cancelled through B ended %d ms after the request%n",
                    Duration.between(asked, Instant.now()).toMillis());
            assertThat(ended.data().getString("status")).as(ended.text()).isEqualTo("cancelled");
            assertThat(ended.data().getString("reason")).contains("while it ran");
            assertThat(ended.data().getString("instance_id")).isEqualTo(idA);
            slow.release();
        }
    }

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
