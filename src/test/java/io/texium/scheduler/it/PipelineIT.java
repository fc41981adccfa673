package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The run pipeline on its own server processes: a saturated worker pool makes fires wait, never lose them; a
 * scheduler started while its store is down deploys, says so on readiness, and recovers by itself when the store
 * comes up; fires due while the store is briefly away run once it is back.
 */
class PipelineIT {

    static final int JOBS = 500;

    @Test
    void a_saturated_pool_loses_no_fire() throws Exception {
        Path dir = Files.createTempDirectory(PayaraProcess.targetDir().toPath(), "saturated-");
        var properties = Map.of("texium.admin.password", Api.ADMIN_PASSWORD, "texium.data.dir", dir.resolve("data").toString(),
                "texium.workers", "2");
        try (var server = PayaraProcess.start(dir.resolve("server.log"), properties, Map.of())) {
            var api = server.api().asAdmin();
            Instant due = Instant.now().plusSeconds(40).truncatedTo(ChronoUnit.SECONDS);
            String second = String.valueOf(due.atZone(ZoneOffset.UTC).getSecond());
            String minute = String.valueOf(due.atZone(ZoneOffset.UTC).getMinute());
            for (int i = 0; i < JOBS; i++) {
                var reply = api.post("api/scheduler/jobs", """
                        {"job_class_string": "jobs.echo.EchoJob", "name": "burst-%d", "minute": "%s", "second": "%s"}"""
                        .formatted(i, minute, second));
                assertThat(reply.status()).as(reply.text()).isEqualTo(201);
            }
            assertThat(Instant.now()).as("all jobs created before they fall due").isBefore(due);
            String since = due.toString();
            var all = api.await("api/scheduler/executions?status=succeeded&page_size=500&since=" + since,
                    r -> r.json().getInt("total") >= JOBS, Duration.ofSeconds(90));
            var executions = api.get("api/scheduler/executions?page_size=500&since=" + since).json();
            assertThat(executions.getInt("total")).as("one execution per fire").isEqualTo(JOBS);
            List<Long> lag = new ArrayList<>();
            for (JsonValue v : executions.getJsonArray("data")) {
                var x = v.asJsonObject();
                assertThat(x.getString("status")).isEqualTo("succeeded");
                assertThat(Instant.parse(x.getString("scheduled_time"))).isEqualTo(due);
                lag.add(Duration.between(due, Instant.parse(x.getString("started_at"))).toMillis());
            }
            lag.sort(Long::compare);
            System.out.printf("[measure] %d fires due together on 2 workers: all succeeded, start lag p50 %d ms, max %d ms%n",
                    JOBS, lag.get(lag.size() / 2), lag.get(lag.size() - 1));
            assertThat(all.json().getInt("total")).isEqualTo(JOBS);
        }
    }

    @Test
    void started_with_the_store_down_it_recovers_by_itself_and_keeps_fires_through_an_outage() throws Exception {
        Path dir = Files.createTempDirectory(PayaraProcess.targetDir().toPath(), "store-down-");
        int port = PayaraProcess.freePort();
        var properties = Map.of("texium.admin.password", Api.ADMIN_PASSWORD, "texium.data.dir", dir.resolve("unused").toString());
        var environment = Map.of("TEXIUM_MONGODB_URI", "mongodb://127.0.0.1:" + port, "TEXIUM_MONGODB_DATABASE", "down_test");
        try (var server = PayaraProcess.start(dir.resolve("server.log"), properties, environment, "health/live")) {
            var anonymous = server.api();
            long asked = System.nanoTime();
            assertThat(anonymous.get("health/ready").status()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(1));
            assertThat(anonymous.get("health/live").status()).isEqualTo(200);

            Path file = dir.resolve("store.mv");
            var store = storeOn(port, file);
            try {
                var ready = anonymous.await("health/ready", r -> r.status() == 200, Duration.ofSeconds(30));
                assertThat(ready.status()).as("ready once the store answers").isEqualTo(200);
                var api = server.api().asAdmin();
                String tick = api.post("api/scheduler/jobs", """
                        {"job_class_string": "jobs.echo.EchoJob", "name": "tick", "second": "*", "max_instances": 100}""").json().getString("job_id");
                Instant from = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
                Thread.sleep(3_000);

                store.shutdownNow();
                Instant down = Instant.now();
                var notReady = anonymous.await("health/ready", r -> r.status() == 503, Duration.ofSeconds(5));
                assertThat(notReady.status()).as("readiness notices the outage").isEqualTo(503);
                System.out.printf("[measure] readiness went 503 %d ms after the store stopped%n",
                        Duration.between(down, Instant.now()).toMillis());
                Thread.sleep(4_000);
                store = storeOn(port, file);
                assertThat(anonymous.await("health/ready", r -> r.status() == 200, Duration.ofSeconds(30)).status()).isEqualTo(200);
                Thread.sleep(4_000);
                Instant until = Instant.now().minusSeconds(2).truncatedTo(ChronoUnit.SECONDS);

                Map<Instant, List<JsonObject>> bySecond = new HashMap<>();
                for (JsonValue v : api.get("api/scheduler/executions?job_id=" + tick + "&page_size=500").json().getJsonArray("data")) {
                    var x = v.asJsonObject();
                    bySecond.computeIfAbsent(Instant.parse(x.getString("scheduled_time")), k -> new ArrayList<>()).add(x);
                }
                List<String> wrong = new ArrayList<>();
                for (Instant s = from; s.isBefore(until); s = s.plusSeconds(1)) {
                    var runs = bySecond.getOrDefault(s, List.of());
                    if (runs.size() != 1 || !"succeeded".equals(runs.get(0).getString("status"))) {
                        wrong.add(s + " -> " + runs);
                    }
                }
                assertThat(wrong).as("seconds, through the outage, without exactly one succeeded run").isEmpty();
            } finally {
                store.shutdownNow();
            }
        }
    }

    /** A MongoDB-compatible store on the port, keeping its data in the file across restarts. */
    private static MongoServer storeOn(int port, Path file) throws InterruptedException {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            var server = new MongoServer(new H2Backend(file.toString()));
            try {
                server.bind(new InetSocketAddress("127.0.0.1", port));
                return server;
            } catch (RuntimeException e) {
                last = e;
                server.shutdownNow();
                Thread.sleep(200);
            }
        }
        throw last;
    }
}
