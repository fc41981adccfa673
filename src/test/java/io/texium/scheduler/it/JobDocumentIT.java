package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import jakarta.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonType;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * A job as MongoDB stores it and as the API shows it: the schedule's fields lie flat at the top level of the job
 * document and of the JSON, under their API names, whether the job was created, changed or given as a crontab line.
 */
class JobDocumentIT {

    static final List<String> SCHEDULE = List.of("year", "month", "day_of_month", "week", "day_of_week", "hour", "minute",
            "second", "cron", "timezone", "start_date", "end_date");
    static final List<String> DOCUMENT = List.of("_id", "user_id", "job_class_string", "name", "description", "year",
            "month", "day_of_month", "week", "day_of_week", "hour", "minute", "second", "cron", "timezone", "start_date",
            "end_date", "pub_args", "pub_kwargs", "notify", "max_retries", "retry_delay_seconds", "retry_backoff",
            "retry_max_delay_seconds", "timeout_seconds", "max_instances", "misfire_grace_seconds", "coalesce", "on_success",
            "on_failure", "is_enabled", "is_paused", "created_at", "updated_at", "last_run_time",
            "next_run_time", "total_executions", "version");

    @Test
    void the_schedule_fields_lie_flat_in_the_stored_document_and_in_the_json() throws Exception {
        Path dir = Files.createTempDirectory(PayaraProcess.targetDir().toPath(), "job-document-");
        var mongo = new MongoServer(new MemoryBackend());
        mongo.bind(new InetSocketAddress("127.0.0.1", 0));
        String uri = "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort();
        try (var server = PayaraProcess.start(dir.resolve("server.log"),
                Map.of("texium.data.dir", dir.resolve("unused").toString(), "texium.admin.password", Api.ADMIN_PASSWORD),
                Map.of("TEXIUM_MONGODB_URI", uri, "TEXIUM_MONGODB_DATABASE", "document_test"));
             var client = MongoClients.create(uri)) {
            var api = server.api().asAdmin();
            var jobs = client.getDatabase("document_test").getCollection("scheduler_jobs");

            String fields = api.post("api/scheduler/jobs", """
                    {"job_class_string": "jobs.echo.EchoJob", "name": "fields", "minute": "*/5", "hour": 9,
                     "day_of_week": "mon-fri", "timezone": "Europe/Berlin", "end_date": "2099-01-01"}""").json().getString("job_id");
            var created = jobs.find(new Document("_id", new ObjectId(fields))).first();
            System.out.println("[document] created: " + created.toJson());
            assertThat(schedule(created)).containsExactlyInAnyOrderEntriesOf(values("hour", "9", "minute", "*/5",
                    "day_of_week", "mon-fri", "timezone", "Europe/Berlin", "end_date", "2099-01-01"));
            assertStrings(created);
            assertThat(created.keySet()).as("every field at the top level, the unset ones as null")
                    .containsExactlyInAnyOrder(DOCUMENT.toArray(String[]::new));
            var shown = api.get("api/scheduler/jobs/" + fields);
            System.out.println("[document] shown: " + shown.text());
            assertThat(schedule(shown.data())).isEqualTo(schedule(created));

            assertThat(api.put("api/scheduler/jobs/" + fields, "{\"hour\": \"10\", \"day\": \"1\"}").status()).isEqualTo(200);
            var updated = jobs.find(new Document("_id", new ObjectId(fields))).first();
            System.out.println("[document] updated: " + updated.toJson());
            assertThat(updated.keySet()).containsAll(SCHEDULE);
            assertThat(schedule(updated)).containsExactlyInAnyOrderEntriesOf(values("day_of_month", "1", "hour", "10",
                    "minute", "*/5", "day_of_week", "mon-fri", "timezone", "Europe/Berlin", "end_date", "2099-01-01"));
            assertStrings(updated);
            assertThat(schedule(api.get("api/scheduler/jobs/" + fields).data())).isEqualTo(schedule(updated));

            String line = api.post("api/scheduler/jobs", """
                    {"job_class_string": "jobs.echo.EchoJob", "name": "line", "cron": "30 6 * * 0"}""").json().getString("job_id");
            var crontab = jobs.find(new Document("_id", new ObjectId(line))).first();
            System.out.println("[document] crontab: " + crontab.toJson());
            assertStrings(crontab);
            assertThat(schedule(crontab)).containsExactlyInAnyOrderEntriesOf(values("cron", "30 6 * * 0", "timezone", "UTC",
                    "year", "*", "month", "*", "day_of_month", "*", "week", "*", "day_of_week", "sun",
                    "hour", "6", "minute", "30", "second", "0"));
            assertThat(schedule(api.get("api/scheduler/jobs/" + line).data())).isEqualTo(schedule(crontab));
        } finally {
            mongo.shutdownNow();
        }
    }

    /** The schedule values that are set, by name, from a stored document. */
    private static Map<String, String> schedule(Document document) {
        Map<String, String> values = new LinkedHashMap<>();
        SCHEDULE.stream().filter(name -> document.get(name) != null).forEach(name -> values.put(name, document.getString(name)));
        return values;
    }

    /** The schedule values that are set, by name, from the JSON of a job; every name is present, null or not. */
    private static Map<String, String> schedule(JsonObject job) {
        assertThat(job.keySet()).containsAll(SCHEDULE);
        Map<String, String> values = new LinkedHashMap<>();
        SCHEDULE.stream().filter(name -> !job.isNull(name)).forEach(name -> values.put(name, job.getString(name)));
        return values;
    }

    private static void assertStrings(Document document) {
        var raw = document.toBsonDocument();
        SCHEDULE.stream().filter(raw::containsKey).filter(name -> !raw.get(name).isNull())
                .forEach(name -> assertThat(raw.get(name).getBsonType()).as(name).isEqualTo(BsonType.STRING));
    }

    private static Map<String, String> values(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return values;
    }
}
