package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The stored data of the previous version still loads: the current WAR starts on a copy of an embedded store written
 * by commit 8dc405c (before the run pipeline and the hourly execution history; {@code src/test/upgrade} has the
 * script that wrote it and {@code fixture.json} what it holds), lists its users, token, server, jobs and executions,
 * arms the active jobs' timers, and records the schema version the upgrade brought the store to.
 */
class PreviousVersionIT {

    static final String FIXTURE = "upgrade/8dc405c/";

    @Test
    void the_current_war_starts_on_a_store_of_the_previous_version() throws Exception {
        JsonObject fixture;
        try (InputStream in = resource("fixture.json"); var reader = Json.createReader(in)) {
            fixture = reader.readObject();
        }
        Path dir = Files.createTempDirectory(PayaraProcess.targetDir().toPath(), "previous-version-");
        Path data = Files.createDirectories(dir.resolve("data"));
        try (InputStream in = resource("texium-store.mv")) {
            Files.copy(in, data.resolve("texium-store.mv"));
        }
        Instant started = Instant.now();
        try (var server = PayaraProcess.start(dir.resolve("server.log"), Map.of("texium.data.dir", data.toString()), Map.of())) {
            var admin = server.api().as("admin", fixture.getString("admin_password"));
            var alice = fixture.getJsonObject("alice");
            String aliceId = alice.getString("id");

            assertThat(ids(admin.get("api/users/?page_size=500"))).contains(aliceId).hasSize(2);
            var asAlice = server.api().as(alice.getString("username"), alice.getString("password"));
            assertThat(asAlice.get("api/users/" + aliceId).status()).as("alice's password still works").isEqualTo(200);

            var token = fixture.getJsonObject("token");
            assertThat(ids(asAlice.get("api/users/" + aliceId + "/tokens"))).containsExactly(token.getString("id"));
            var byToken = server.api().withToken(token.getString("secret"));
            assertThat(byToken.get("api/users/" + aliceId).status()).as("the token still signs in").isEqualTo(200);

            var serverFixture = fixture.getJsonObject("server");
            var servers = asAlice.get("api/servers").json().getJsonArray("data");
            assertThat(servers).singleElement().satisfies(s -> {
                assertThat(s.asJsonObject().getString("id")).isEqualTo(serverFixture.getString("id"));
                assertThat(s.asJsonObject().getString("name")).isEqualTo(serverFixture.getString("name"));
            });

            Set<String> armed = strings(fixture.getJsonObject("jobs").getJsonArray("armed"));
            Set<String> paused = strings(fixture.getJsonObject("jobs").getJsonArray("paused"));
            assertThat(ids(admin.get("api/scheduler/jobs?page_size=500"))).containsExactlyInAnyOrderElementsOf(
                    union(armed, paused));
            for (String id : paused) {
                assertThat(admin.get("api/scheduler/jobs/" + id).data().getBoolean("is_paused")).as(id).isTrue();
            }
            var timers = admin.get("api/scheduler/timers?page_size=500&drift=true").json();
            assertThat(ids(timers.getJsonArray("data"), "job_id")).as("the active jobs' timers")
                    .containsExactlyInAnyOrderElementsOf(armed);
            assertThat(timers.getJsonObject("drift").getJsonArray("missing")).isEmpty();

            // an armed job may fire while the test runs: the stored executions are those due before the start
            var executions = admin.get("api/scheduler/executions?page_size=500&until="
                    + URLEncoder.encode(started.toString(), StandardCharsets.UTF_8));
            var expected = fixture.getJsonArray("executions").stream().map(JsonValue::asJsonObject).toList();
            assertThat(ids(executions)).containsExactlyInAnyOrderElementsOf(
                    expected.stream().map(x -> x.getString("id")).toList());
            for (JsonObject x : expected) {
                var one = admin.get("api/scheduler/executions/" + x.getString("id")).data();
                assertThat(one.getString("job_id")).isEqualTo(x.getString("job_id"));
                assertThat(one.getString("status")).isEqualTo(x.getString("status"));
            }
            var stats = admin.get("api/scheduler/stats").json().getJsonObject("stats");
            var before = fixture.getJsonObject("stats").getJsonObject("stats");
            for (String key : List.of("total_jobs", "enabled_jobs", "paused_jobs")) {
                assertThat(stats.getInt(key)).as(key).isEqualTo(before.getInt(key));
            }
            assertThat(stats.getInt("succeeded")).as("counts rebuilt from the moved executions")
                    .isGreaterThanOrEqualTo(before.getInt("succeeded"));
        }
        assertTheStoreIsAtSchemaVersionOne(data.resolve("texium-store.mv"));
    }

    /** Reads the stopped server's store file: the old executions collection is empty and version 1 recorded. */
    private static void assertTheStoreIsAtSchemaVersionOne(Path file) {
        var backend = new H2Backend(file.toString());
        var mongo = new MongoServer(backend);
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + mongo.bind().getPort())) {
            var db = client.getDatabase("texium");
            assertThat(db.getCollection("scheduler_executions").countDocuments()).isZero();
            Document version = db.getCollection("scheduler_schema").find(Filters.eq("_id", "schema_version")).first();
            assertThat(version).isNotNull();
            assertThat(version.getInteger("version")).isEqualTo(1);
            assertThat(version.getList("applied", Document.class)).singleElement()
                    .satisfies(d -> assertThat(d.getString("description")).contains("hourly buckets"));
        } finally {
            mongo.shutdownNow();
            backend.close();
        }
    }

    private static InputStream resource(String name) {
        return PreviousVersionIT.class.getClassLoader().getResourceAsStream(FIXTURE + name);
    }

    private static List<String> ids(Api.Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return ids(reply.json().getJsonArray("data"), "id");
    }

    private static List<String> ids(JsonArray array, String key) {
        return array.stream().map(v -> v.asJsonObject().getString(key)).toList();
    }

    private static Set<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).collect(Collectors.toSet());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
    }
}
