package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.texium.scheduler.backups.control.BackupFormat;
import io.texium.scheduler.backups.control.BackupScope;
import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backups and restores through the API, on two scheduler processes of their own sharing one store (a restore with
 * {@code replace} empties every Texium collection, which would take the shared server's data from the other tests):
 * a replace brings every document back exactly as the backup file holds it and both instances re-arm their timers;
 * a merge keeps what was made after the backup; a damaged backup, a backup of another schema version, a foreign name,
 * a wrong mode and a user are refused without a change; the DataBackup job keeps the newest {@code keep}.
 */
class BackupsIT {

    static final String DATABASE = "backups_test";
    /** Job fields the run path and the arming keep current on their own (as in {@code StoredData}). */
    static final Set<String> MAINTAINED_JOB_FIELDS = Set.of("total_executions", "last_run_time", "next_run_time");
    static final String NOT_DUE = """
            {"user_id": "%s", "job_class_string": "jobs.echo.EchoJob", "name": "%s", "minute": "*/5", "year": "2099",
             "pub_args": ["Hello"]}""";

    static MongoServer mongo;
    static MongoClient client;
    static MongoDatabase db;
    static PayaraProcess a;
    static PayaraProcess b;
    static Api apiA;
    static Api apiB;

    @BeforeAll
    static void start() throws Exception {
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind(new InetSocketAddress("127.0.0.1", 0));
        String uri = "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort();
        client = MongoClients.create(uri);
        db = client.getDatabase(DATABASE);
        Path dir = Files.createTempDirectory(PayaraProcess.targetDir().toPath(), "backups-");
        var properties = Map.of("texium.admin.password", Api.ADMIN_PASSWORD, "texium.data.dir", dir.resolve("unused").toString());
        var environment = Map.of("TEXIUM_MONGODB_URI", uri, "TEXIUM_MONGODB_DATABASE", DATABASE);
        a = PayaraProcess.start(dir.resolve("a.log"), properties, environment);
        b = PayaraProcess.start(dir.resolve("b.log"), properties, environment);
        apiA = a.api().asAdmin();
        apiB = b.api().asAdmin();
    }

    @AfterAll
    static void stop() throws Exception {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        if (client != null) {
            client.close();
        }
        mongo.shutdownNow();
    }

    @Test
    void replace_brings_back_every_document_and_both_instances_rearm_merge_keeps_what_came_later() throws Exception {
        String user = apiA.createUser("backup-user-" + System.nanoTime(), "backup-password-1");
        String kept = create(NOT_DUE.formatted(user, "kept"));
        String changed = create(NOT_DUE.formatted(user, "changed"));
        String server = apiA.post("api/servers/", """
                {"user_id": "%s", "name": "db", "check": {"type": "tcp", "host": "localhost", "port": 5432}}"""
                .formatted(user)).data().getString("id");
        String execution = apiA.post("api/scheduler/jobs/" + kept + "/run", null).json().getString("execution_id");
        apiA.await("api/scheduler/executions/" + execution,
                r -> r.status() == 200 && "succeeded".equals(r.data().getString("status")), Duration.ofSeconds(10));

        var made = apiA.post("api/admin/backups", null);
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        String name = made.json().getString("name");
        var manifest = made.json().getJsonObject("data");
        assertThat(name).matches(BackupFormat.NAME.pattern());
        assertThat(made.location()).endsWith("/api/admin/backups/" + name);

        // the file as every instance serves it: the same bytes from B, with the manifest's SHA-256
        var download = download(b.base(), name);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/gzip");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"" + name + "\"");
        assertThat(BackupFormat.sha256(new ByteArrayInputStream(download.body()))).isEqualTo(manifest.getString("sha256"));
        Map<String, Map<String, BsonDocument>> backedUp = new TreeMap<>();
        BsonDocument header = BackupFormat.read(new ByteArrayInputStream(download.body()),
                (c, d) -> backedUp.computeIfAbsent(c, k -> new TreeMap<>()).put(d.get("_id").toString(), d));
        assertSoftly(s -> {
            s.assertThat(header.getNumber("schema_version").intValue()).isEqualTo(manifest.getInt("schema_version"));
            s.assertThat(backedUp.get("scheduler_jobs")).containsKeys(id(kept), id(changed));
            s.assertThat(backedUp.get("servers")).containsKey(id(server));
            s.assertThat(backedUp.get("users")).containsKey(id(user));
            s.assertThat(backedUp.keySet()).anyMatch(c -> c.startsWith("scheduler_executions_"))
                    .doesNotContain("texium_files.files", "texium_files.chunks", "scheduler_instances", "scheduler_changes");
            s.assertThat(backedUp.values().stream().mapToLong(Map::size).sum()).isEqualTo(manifest.getJsonNumber("documents").longValue());
            s.assertThat(backedUp.get("users").values()).allMatch(u -> u.getString("password_hash").getValue().length() > 40);
            s.assertThat(apiB.get("api/admin/backups").json().getJsonArray("data").getJsonObject(0).getString("name")).isEqualTo(name);
        });

        // after the backup: one job deleted, one changed, one new, the server deleted
        assertThat(apiA.delete("api/scheduler/jobs/" + kept).status()).isEqualTo(200);
        assertThat(apiA.put("api/scheduler/jobs/" + changed, "{\"minute\": \"7\"}").status()).isEqualTo(200);
        String later = create(NOT_DUE.formatted(user, "later"));
        assertThat(apiA.delete("api/servers/" + server).status()).isEqualTo(200);
        untilTimer(apiB, kept, false);
        untilTimer(apiB, later, true);

        var replaced = apiA.post("api/admin/backups/" + name + "/restore", "{\"mode\": \"replace\"}");
        assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
        assertThat(replaced.data().getJsonNumber("documents").longValue()).isEqualTo(manifest.getJsonNumber("documents").longValue());
        assertThat(replaced.data().getJsonNumber("conflicts").longValue()).isZero();

        List<String> differences = differences(backedUp, stored());
        assertThat(differences).as("the store after a replace against the backup file").isEmpty();
        for (Api api : List.of(apiA, apiB)) {
            untilTimer(api, kept, true);
            untilTimer(api, later, false);
            api.await("api/scheduler/timers?job_id=" + changed, r -> r.json().getJsonArray("data").size() == 1
                    && r.json().getJsonArray("data").getJsonObject(0).getJsonObject("expression").getString("minute").contains("55"),
                    Duration.ofSeconds(10));
        }
        assertThat(apiB.get("api/scheduler/jobs/" + kept).status()).isEqualTo(200);
        assertThat(apiB.get("api/scheduler/jobs/" + later).status()).isEqualTo(404);
        assertThat(apiA.get("api/scheduler/jobs/" + kept).data().getString("next_run_time")).startsWith("2099-01-01T00:00");
        assertThat(apiA.get("api/scheduler/executions?job_id=" + kept).json().getInt("total")).isEqualTo(1);
        assertThat(apiA.get("api/scheduler/audit?event=backup_restored").json().getJsonArray("data")).hasSize(1);

        // merge: a job made after the backup stays, a changed one goes back
        String afterwards = create(NOT_DUE.formatted(user, "afterwards"));
        assertThat(apiA.put("api/scheduler/jobs/" + changed, "{\"minute\": \"9\"}").status()).isEqualTo(200);
        var merged = apiB.post("api/admin/backups/" + name + "/restore", "{\"mode\": \"merge\"}");
        assertThat(merged.status()).as(merged.text()).isEqualTo(200);
        assertThat(merged.data().getJsonNumber("deleted").longValue()).isZero();
        assertThat(apiA.get("api/scheduler/jobs/" + afterwards).status()).isEqualTo(200);
        assertThat(apiA.get("api/scheduler/jobs/" + changed).data().getString("minute")).isEqualTo("*/5");
        untilTimer(apiA, afterwards, true);
        apiA.await("api/scheduler/timers?job_id=" + changed, r -> r.json().getJsonArray("data").size() == 1
                && r.json().getJsonArray("data").getJsonObject(0).getJsonObject("expression").getString("minute").contains("55"),
                Duration.ofSeconds(10));
    }

    @Test
    void refused_restores_change_nothing_and_only_admins_reach_backups() throws Exception {
        String name = apiA.post("api/admin/backups", null).json().getString("name");
        String user = "backup-refused-" + System.nanoTime();
        apiA.createUser(user, "backup-password-1");
        var asUser = a.api().as(user, "backup-password-1");
        assertSoftly(s -> {
            s.assertThat(asUser.get("api/admin/backups").status()).isEqualTo(403);
            s.assertThat(asUser.post("api/admin/backups", null).status()).isEqualTo(403);
            s.assertThat(asUser.get("api/admin/backups/" + name).status()).isEqualTo(403);
            s.assertThat(asUser.post("api/admin/backups/" + name + "/restore", "{\"mode\": \"merge\"}").status()).isEqualTo(403);
            // the job SPI refuses an admin-only class for a user's job as a wrong field
            var job = asUser.post("api/scheduler/jobs", "{\"job_class_string\": \"jobs.backup.DataBackupJob\", \"name\": \"b\","
                    + " \"hour\": \"3\"}");
            s.assertThat(job.status()).isEqualTo(400);
            s.assertThat(job.text()).contains("job_class_string").contains("only an administrator");
            s.assertThat(a.api().get("api/admin/backups").status()).isEqualTo(401);
        });

        var before = stored();
        for (String bad : List.of("texium-x.jsonl.gz", "..texium-20261128T090000Z.jsonl.gz", name + ".part-1", name.replace(".jsonl.gz", ".jsonl"),
                name.replace("Z.", "Z-7."))) {
            var reply = apiA.get("api/admin/backups/" + bad);
            assertThat(reply.status()).as(bad).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(apiA.post("api/admin/backups/" + bad + "/restore", "{\"mode\": \"merge\"}").status()).as(bad).isEqualTo(404);
        }
        for (String body : List.of("{}", "{\"mode\": \"wipe\"}", "{\"mode\": 1}", "[]")) {
            var reply = apiA.post("api/admin/backups/" + name + "/restore", body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        var files = db.getCollection("texium_files.files");
        var ofName = Filters.eq("filename", name);
        String sha = files.find(ofName).first().get("metadata", org.bson.Document.class)
                .get("manifest", org.bson.Document.class).getString("sha256");
        files.updateOne(ofName, Updates.set("metadata.manifest.sha256", "0".repeat(64)));
        var damaged = apiA.post("api/admin/backups/" + name + "/restore", "{\"mode\": \"replace\"}");
        assertThat(damaged.status()).as(damaged.text()).isEqualTo(409);
        assertThat(damaged.json().getString("detail")).contains("damaged").contains(sha);
        files.updateOne(ofName, Updates.combine(Updates.set("metadata.manifest.sha256", sha),
                Updates.set("metadata.manifest.schema_version", 999)));
        var newer = apiA.post("api/admin/backups/" + name + "/restore", "{\"mode\": \"replace\"}");
        assertThat(newer.status()).as(newer.text()).isEqualTo(409);
        assertThat(newer.json().getString("detail")).contains("schema version 999");
        assertThat(differences(before, stored())).as("refused restores wrote nothing").isEmpty();
    }

    @Test
    void the_backup_job_keeps_the_newest_backups_and_outputs_the_manifest() {
        String job = create("""
                {"job_class_string": "jobs.backup.DataBackupJob", "name": "nightly backup", "hour": "3",
                 "pub_kwargs": {"keep": 2}}""");
        String output = null;
        for (int i = 0; i < 3; i++) {
            String execution = apiA.post("api/scheduler/jobs/" + job + "/run", null).json().getString("execution_id");
            var done = apiA.await("api/scheduler/executions/" + execution, r -> r.status() == 200
                    && List.of("succeeded", "failed").contains(r.data().getString("status")), Duration.ofSeconds(30));
            assertThat(done.data().getString("status")).as(done.text()).isEqualTo("succeeded");
            output = done.data().getString("output");
        }
        var out = Json.createReader(new StringReader(output)).readObject();
        var listed = apiA.get("api/admin/backups").json().getJsonArray("data");
        assertSoftly(s -> {
            s.assertThat(listed).hasSize(2);
            s.assertThat(listed.getJsonObject(0).getString("name")).isEqualTo(out.getString("name"));
            s.assertThat(out.getInt("kept")).isEqualTo(2);
            s.assertThat(out.getString("sha256")).hasSize(64);
            s.assertThat(out.getJsonObject("collections").getInt("scheduler_jobs")).isPositive();
            s.assertThat(out.getJsonArray("deleted")).isNotEmpty();
            s.assertThat(apiA.get("api/scheduler/audit?event=backup_created").json().getInt("total")).isGreaterThanOrEqualTo(3);
        });
    }

    private static String create(String body) {
        var reply = apiA.post("api/scheduler/jobs", body);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().getString("job_id");
    }

    /** An id as the backup's documents show it: {@code BsonObjectId{value=...}}. */
    private static String id(String hex) {
        return new org.bson.BsonObjectId(new org.bson.types.ObjectId(hex)).toString();
    }

    /** Every document of the collections a backup holds, as stored now. */
    private static Map<String, Map<String, BsonDocument>> stored() {
        Map<String, Map<String, BsonDocument>> all = new TreeMap<>();
        for (String collection : db.listCollectionNames()) {
            if (BackupScope.includes(collection)) {
                var documents = new TreeMap<String, BsonDocument>();
                db.getCollection(collection, BsonDocument.class).find()
                        .forEach(d -> documents.put(d.get("_id").toString(), d));
                if (!documents.isEmpty()) {
                    all.put(collection, documents);
                }
            }
        }
        return all;
    }

    /**
     * How the store differs from the expected documents, exactly (types included), except for the fields the
     * scheduler maintains on jobs and the audit entries of restores and backups written since.
     */
    private static List<String> differences(Map<String, Map<String, BsonDocument>> expected,
                                            Map<String, Map<String, BsonDocument>> actual) {
        List<String> differences = new ArrayList<>();
        var names = new java.util.TreeSet<>(expected.keySet());
        names.addAll(actual.keySet());
        for (String collection : names) {
            var want = expected.getOrDefault(collection, Map.of());
            var have = actual.getOrDefault(collection, Map.of());
            var ids = new java.util.TreeSet<>(want.keySet());
            ids.addAll(have.keySet());
            for (String id : ids) {
                BsonDocument w = comparable(collection, want.get(id));
                BsonDocument h = comparable(collection, have.get(id));
                if (w == null && h != null && collection.equals("scheduler_audit")
                        && h.getString("event").getValue().startsWith("backup_")) {
                    continue;
                }
                if (!java.util.Objects.equals(w, h)) {
                    differences.add(collection + "/" + id + ": " + w + " -> " + h);
                }
            }
        }
        return differences;
    }

    private static BsonDocument comparable(String collection, BsonDocument document) {
        if (document == null || !collection.equals("scheduler_jobs")) {
            return document;
        }
        BsonDocument copy = document.clone();
        MAINTAINED_JOB_FIELDS.forEach(copy::remove);
        return copy;
    }

    private static HttpResponse<byte[]> download(URI base, String name) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + Api.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(base.resolve("api/admin/backups/" + name))
                .header("Authorization", "Basic " + basic).timeout(Duration.ofSeconds(30)).build();
        try (var http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    private static void untilTimer(Api api, String jobId, boolean present) {
        var reply = api.await("api/scheduler/timers?job_id=" + jobId,
                r -> r.status() == 200 && (r.json().getJsonArray("data").size() == 1) == present, Duration.ofSeconds(10));
        assertThat(reply.json().getJsonArray("data").size() == 1).as("timer of " + jobId + " on " + api + ": " + reply.text())
                .isEqualTo(present);
    }
}
