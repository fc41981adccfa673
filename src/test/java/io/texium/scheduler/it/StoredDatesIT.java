package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * Every time the scheduler stores is a BSON date, whichever way it was written (a JNoSQL entity or a driver update),
 * and the API reads it back as the same instant: the stored documents are the contract with existing data and with
 * the raw readers ({@code JobDocuments}, the execution buckets). Reads the store through the MongoDB driver.
 */
class StoredDatesIT {

    static final String DATABASE = "dates_test";

    @Test
    void every_stored_time_is_a_bson_date_and_reads_back_as_the_same_instant() throws Exception {
        Path dir = Files.createTempDirectory(PayaraProcess.targetDir().toPath(), "dates-");
        var mongo = new MongoServer(new MemoryBackend());
        mongo.bind(new InetSocketAddress("127.0.0.1", 0));
        String uri = "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort();
        var properties = Map.of("texium.data.dir", dir.resolve("unused").toString(), "texium.admin.password", Api.ADMIN_PASSWORD);
        var environment = Map.of("TEXIUM_MONGODB_URI", uri, "TEXIUM_MONGODB_DATABASE", DATABASE);
        try (var server = PayaraProcess.start(dir.resolve("server.log"), properties, environment);
             var client = MongoClients.create(uri)) {
            var api = server.api().asAdmin();
            MongoDatabase db = client.getDatabase(DATABASE);

            String username = "dates-" + System.nanoTime();
            var created = api.post("api/users", """
                    {"username": "%s", "email": "%s@example.com", "password": "dates-password-1"}""".formatted(username, username));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            String userId = created.data().getString("id");
            assertThat(api.put("api/users/" + userId, "{\"full_name\": \"Dates\"}").status()).isEqualTo(200);
            Instant expiresGiven = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS).plusNanos(123_456_789);
            Instant expires = expiresGiven.truncatedTo(ChronoUnit.MILLIS);
            // minted by its owner: an admin creates no token for another user
            var token = server.api().as(username, "dates-password-1")
                    .post("api/users/" + userId + "/tokens", "{\"name\": \"t\", \"expires_at\": \"" + expiresGiven + "\"}");
            assertThat(token.status()).as(token.text()).isEqualTo(201);
            String tokenId = token.data().getString("id");
            var revoked = api.delete("api/users/" + userId + "/tokens/" + tokenId);
            assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
            var serverReply = api.post("api/servers", """
                    {"name": "db1", "check": {"type": "tcp", "host": "localhost", "port": 1}}""");
            assertThat(serverReply.status()).as(serverReply.text()).isEqualTo(201);
            String serverId = serverReply.json().getString("server_id");
            var createdJob = api.post("api/scheduler/jobs", """
                    {"job_class_string": "jobs.echo.EchoJob", "name": "dates", "minute": "*/5"}""");
            assertThat(createdJob.status()).as(createdJob.text()).isEqualTo(201);
            String jobId = createdJob.json().getString("job_id");
            assertThat(api.put("api/scheduler/jobs/" + jobId, "{\"description\": \"changed\"}").status()).isEqualTo(200);
            assertThat(api.post("api/scheduler/jobs/" + jobId + "/run", null).status()).isEqualTo(202);
            var runs = api.await("api/scheduler/executions?job_id=" + jobId + "&status=succeeded",
                    r -> r.json().getInt("total") >= 1, Duration.ofSeconds(15));
            assertThat(runs.json().getInt("total")).as(runs.text()).isEqualTo(1);

            var user = document(db, "users", userId);
            var apiToken = document(db, "api_tokens", tokenId);
            var watched = document(db, "servers", serverId);
            var job = document(db, "scheduler_jobs", jobId);
            var audit = db.getCollection("scheduler_audit", BsonDocument.class).find(Filters.eq("target_id", userId)).first();
            List<BsonDocument> executions = new ArrayList<>();
            for (String name : db.listCollectionNames()) {
                if (name.startsWith("scheduler_executions_")) {
                    db.getCollection(name, BsonDocument.class).find(Filters.eq("job_id", jobId)).into(executions);
                }
            }
            assertThat(executions).hasSize(1);
            var execution = executions.get(0);
            assertSoftly(s -> {
                dates(s, user, "created_at", "updated_at");
                dates(s, apiToken, "created_at", "expires_at", "revoked_at");
                dates(s, watched, "created_at", "updated_at");
                dates(s, job, "created_at", "updated_at", "next_run_time", "last_run_time");
                dates(s, audit, "time");
                dates(s, execution, "scheduled_time", "created_at", "started_at", "completed_at");
                s.assertThat(instant(apiToken, "expires_at")).isEqualTo(expires);
            });

            var userView = api.get("api/users/" + userId).data();
            var tokenView = api.get("api/users/" + userId + "/tokens").json().getJsonArray("data").getJsonObject(0);
            var serverView = api.get("api/servers/" + serverId).data();
            var jobView = api.get("api/scheduler/jobs/" + jobId).data();
            assertSoftly(s -> {
                // a write answers the time as the store keeps it (to the millisecond), as every later read does
                s.assertThat(created.data().getString("created_at")).isEqualTo(userView.getString("created_at"));
                s.assertThat(createdJob.json().getJsonObject("data").getString("created_at")).isEqualTo(jobView.getString("created_at"));
                s.assertThat(Instant.parse(token.data().getString("expires_at"))).isEqualTo(expires);
                s.assertThat(Instant.parse(userView.getString("created_at"))).isEqualTo(instant(user, "created_at"));
                s.assertThat(Instant.parse(userView.getString("updated_at"))).isEqualTo(instant(user, "updated_at"));
                s.assertThat(Instant.parse(tokenView.getString("revoked_at"))).isEqualTo(instant(apiToken, "revoked_at"));
                s.assertThat(Instant.parse(tokenView.getString("expires_at"))).isEqualTo(expires);
                s.assertThat(Instant.parse(serverView.getString("created_at"))).isEqualTo(instant(watched, "created_at"));
                s.assertThat(Instant.parse(jobView.getString("created_at"))).isEqualTo(instant(job, "created_at"));
                s.assertThat(Instant.parse(jobView.getString("last_run_time"))).isEqualTo(instant(job, "last_run_time"));
                s.assertThat(Instant.parse(jobView.getString("next_run_time"))).isEqualTo(instant(job, "next_run_time"));
            });
        } finally {
            mongo.shutdownNow();
        }
    }

    private static BsonDocument document(MongoDatabase db, String collection, String id) {
        var document = db.getCollection(collection, BsonDocument.class).find(Filters.eq("_id", new ObjectId(id))).first();
        assertThat(document).as(collection + " " + id).isNotNull();
        return document;
    }

    private static void dates(SoftAssertions s, BsonDocument document, String... fields) {
        for (String field : fields) {
            s.assertThat(document.containsKey(field) ? document.get(field).getBsonType() : null)
                    .as(field + " in " + document.toJson()).isEqualTo(BsonType.DATE_TIME);
        }
    }

    private static Instant instant(BsonDocument document, String field) {
        return Instant.ofEpochMilli(document.getDateTime(field).getValue());
    }
}
