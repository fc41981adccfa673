package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Restarts of the whole server on the same store: jobs and timers come back from MongoDB, both on the
 * embedded store (its H2 file written by one run and read by the next) and on a MongoDB given by URI.
 * Also prints the start-up time and how late scheduled runs start after their due second.
 * The per-second jobs here allow overlapping runs ({@code max_instances} 100): on two shared cores a run can wait in
 * the queue past its job's next second, and these tests count fires, not overlaps (PoliciesIT covers those).
 */
class RestartIT {

    static final String JOB = """
            {"job_class_string": "jobs.echo.EchoJob", "name": "%s",
             "hour": "9", "minute": "30", "day_of_week": "mon-fri", "timezone": "America/New_York"}""";

    @Test
    void the_embedded_store_keeps_jobs_and_timers_across_a_restart() throws Exception {
        Path dir = Files.createTempDirectory(PayaraProcess.targetDir().toPath(), "restart-embedded-");
        var properties = Map.of("texium.data.dir", dir.resolve("data").toString(), "texium.admin.password", Api.ADMIN_PASSWORD,
                "texium.webhook.allowed-hosts", "127.0.0.1");
        restartKeepsJobs(dir, properties, Map.of());
    }

    @Test
    void a_mongodb_uri_is_used_instead_of_the_embedded_store() throws Exception {
        Path dir = Files.createTempDirectory(PayaraProcess.targetDir().toPath(), "restart-uri-");
        var mongo = new MongoServer(new MemoryBackend());
        mongo.bind(new InetSocketAddress("127.0.0.1", 0));
        try {
            var environment = Map.of("TEXIUM_MONGODB_URI", "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort(),
                    "TEXIUM_MONGODB_DATABASE", "restart_test");
            restartKeepsJobs(dir, Map.of("texium.data.dir", dir.resolve("unused").toString(), "texium.admin.password", Api.ADMIN_PASSWORD,
                    "texium.webhook.allowed-hosts", "127.0.0.1"), environment);
            assertThat(dir.resolve("unused")).as("nothing embedded starts when a URI is set").doesNotExist();
        } finally {
            mongo.shutdownNow();
        }
    }

    private void restartKeepsJobs(Path dir, Map<String, String> properties, Map<String, String> environment) throws Exception {
        String active;
        String paused;
        String ticker;
        String strict;
        String retry;
        String retried;
        Map<String, JsonObject> timersBefore;
        try (var server = PayaraProcess.start(dir.resolve("first.log"), properties, environment)) {
            System.out.printf("[measure] start-up to ready (first start, empty store): %d ms%n", server.startup().toMillis());
            var api = server.api().asAdmin();
            active = api.post("api/scheduler/jobs", JOB.formatted("active")).json().getString("job_id");
            paused = api.post("api/scheduler/jobs", JOB.formatted("paused")).json().getString("job_id");
            assertThat(api.patch("api/scheduler/jobs/" + paused + "/pause").status()).isEqualTo(200);
            measureFireLatency(api);
            ticker = api.post("api/scheduler/jobs", """
                    {"job_class_string": "jobs.echo.EchoJob", "name": "ticker", "second": "*", "max_instances": 100}""").json().getString("job_id");
            strict = api.post("api/scheduler/jobs", """
                    {"job_class_string": "jobs.echo.EchoJob", "name": "strict ticker", "second": "*", "max_instances": 100,
                     "misfire_grace_seconds": 0}""").json().getString("job_id");
            String[] jobAndRetry = failedRunWithARetryDueAfterTheRestart(api);
            retried = jobAndRetry[0];
            retry = jobAndRetry[1];
            Thread.sleep(2_000);
            timersBefore = timers(api);
            assertThat(timersBefore).containsOnlyKeys(active, ticker, strict, retried);
        }
        try (var server = PayaraProcess.start(dir.resolve("second.log"), properties, environment)) {
            System.out.printf("[measure] start-up to ready (restart on existing store): %d ms%n", server.startup().toMillis());
            var api = server.api().asAdmin();
            assertThat(api.get("api/scheduler/jobs/" + active).data().getString("name")).isEqualTo("active");
            assertThat(api.get("api/scheduler/jobs/" + paused).data().getBoolean("is_paused")).isTrue();
            var timersAfter = timers(api);
            assertThat(timersAfter).containsOnlyKeys(active, ticker, strict, retried);
            assertThat(timersAfter.get(active).getJsonObject("expression"))
                    .isEqualTo(timersBefore.get(active).getJsonObject("expression"));
            assertThat(timersAfter.get(active).getString("next_timeout"))
                    .isEqualTo(timersBefore.get(active).getString("next_timeout"));
            assertThat(api.get("api/scheduler/timers?page_size=500&drift=true").json().getJsonObject("drift").getJsonArray("missing")).isEmpty();
            Thread.sleep(3_000);
            // the retry recorded before the stop is a due time in the store: this instance runs it when it falls due
            var second = api.await("api/scheduler/executions/" + retry,
                    r -> r.status() == 200 && r.data().getString("status").matches("failed|succeeded"), Duration.ofSeconds(40));
            assertThat(second.data().getInt("attempt")).as(second.text()).isEqualTo(2);
            assertThat(second.data().getString("status")).isEqualTo("failed");
            // the ticker's downtime fires lie within its misfire grace: they run once (coalesced), the rest one entry
            assertEverySecondAccountedForOnce(api, ticker, "skipped", 1);
            // the strict ticker's (grace 0) are all too late: one missed entry, no catch-up run
            assertEverySecondAccountedForOnce(api, strict, "missed", 0);
        }
    }

    /**
     * A run that fails (a webhook to a port nobody listens on) with one retry due 20 s later, that is after the
     * restart; answers the job's id and the retry's execution id.
     */
    private static String[] failedRunWithARetryDueAfterTheRestart(Api api) {
        String id = api.post("api/scheduler/jobs", """
                {"job_class_string": "jobs.webhook.WebhookJob", "name": "retried across a restart", "minute": "0",
                 "year": "2099", "pub_kwargs": {"url": "http://127.0.0.1:9/nobody"}, "max_retries": 1,
                 "retry_delay_seconds": 20}""").json().getString("job_id");
        String run = api.post("api/scheduler/jobs/" + id + "/run", null).json().getString("execution_id");
        var failed = api.await("api/scheduler/executions/" + run,
                r -> r.status() == 200 && r.data().getString("status").equals("failed"), Duration.ofSeconds(20));
        assertThat(failed.data().getString("next_attempt_id")).as(failed.text()).isNotNull();
        return new String[] {id, failed.data().getString("next_attempt_id")};
    }

    /**
     * Across the stop and the restart, every due second of the per-second job is accounted for exactly once: by a
     * run, or inside the one entry ({@code entryStatus}: {@code missed} past the misfire grace, {@code skipped} when
     * coalesced) that stands for the downtime (whose count matches its range); {@code catchUps} runs are the
     * downtime's fires within the grace.
     */
    private static void assertEverySecondAccountedForOnce(Api api, String jobId, String entryStatus, int catchUps) {
        // the ticker keeps firing: a run of the last two seconds may still be running when the list is read
        Instant until = Instant.now().minusSeconds(2);
        var all = api.get("api/scheduler/executions?job_id=" + jobId + "&page_size=500").json().getJsonArray("data");
        Map<Instant, Integer> covered = new HashMap<>();
        int entries = 0;
        int catchUpRuns = 0;
        Instant first = null;
        for (JsonValue v : all) {
            var x = v.asJsonObject();
            Instant due = Instant.parse(x.getString("scheduled_time"));
            first = first == null || due.isBefore(first) ? due : first;
            if (x.containsKey("fire_count") && !x.isNull("fire_count")) {
                assertThat(x.getString("status")).as(x.toString()).isEqualTo(entryStatus);
                entries++;
                Instant last = Instant.parse(x.getString("last_scheduled_time"));
                assertThat(x.getJsonNumber("fire_count").longValue()).as("count of " + x)
                        .isEqualTo(Duration.between(due, last).toSeconds() + 1);
                assertThat(x.getString("reason")).contains("no scheduler instance was running");
                for (Instant s = due; !s.isAfter(last); s = s.plusSeconds(1)) {
                    covered.merge(s, 1, Integer::sum);
                }
            } else {
                if (due.isBefore(until)) {
                    assertThat(x.getString("status")).as(x.toString()).isIn("succeeded", "failed");
                }
                catchUpRuns += "catch_up".equals(x.getString("trigger")) ? 1 : 0;
                covered.merge(due, 1, Integer::sum);
            }
        }
        assertThat(entries).as("one " + entryStatus + " entry for the downtime, in " + all).isEqualTo(1);
        assertThat(catchUpRuns).as("catch-up runs, in " + all).isEqualTo(catchUps);
        List<String> wrong = new ArrayList<>();
        for (Instant s = first; s.isBefore(until); s = s.plusSeconds(1)) {
            if (covered.getOrDefault(s, 0) != 1) {
                wrong.add(s + " covered " + covered.getOrDefault(s, 0) + " times");
            }
        }
        assertThat(wrong).as("seconds not accounted for exactly once across the restart, in " + all).isEmpty();
    }

    /** A job every second for a few seconds: how long after its due second each run starts. */
    private void measureFireLatency(Api api) {
        String id = api.post("api/scheduler/jobs", """
                {"job_class_string": "jobs.echo.EchoJob", "name": "tick", "second": "*", "max_instances": 100}""")
                .json().getString("job_id");
        var reply = api.await("api/scheduler/executions?job_id=" + id + "&status=succeeded",
                r -> r.json().getInt("total") >= 5, Duration.ofSeconds(15));
        var all = api.get("api/scheduler/executions?job_id=" + id + "&page_size=500").text();
        api.delete("api/scheduler/jobs/" + id);
        List<Long> lateness = new ArrayList<>();
        for (JsonValue v : reply.json().getJsonArray("data")) {
            var e = v.asJsonObject();
            lateness.add(Duration.between(Instant.parse(e.getString("scheduled_time")),
                    Instant.parse(e.getString("started_at"))).toMillis());
        }
        assertThat(lateness).as(all).hasSizeGreaterThanOrEqualTo(5);
        lateness.sort(Long::compare);
        System.out.printf("[measure] due second -> started_at over %d fires: min %d ms, median %d ms, max %d ms%n",
                lateness.size(), lateness.get(0), lateness.get(lateness.size() / 2), lateness.get(lateness.size() - 1));
    }

    private static Map<String, JsonObject> timers(Api api) {
        Map<String, JsonObject> byJob = new HashMap<>();
        for (JsonValue v : api.get("api/scheduler/timers?page_size=500&drift=true").json().getJsonArray("data")) {
            byJob.put(v.asJsonObject().getString("job_id"), v.asJsonObject());
        }
        return byJob;
    }
}
