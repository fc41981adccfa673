package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scheduler REST API on Payara Micro over the embedded store: every endpoint, its errors, and live timers. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SchedulerApiIT {

    static final String EXAMPLE = """
            {"job_class_string": "jobs.echo.EchoJob", "name": "Test Job",
             "minute": "*/5", "pub_args": ["Hello", "World"]}""";

    @ArquillianResource
    URL base;

    Api api;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @BeforeEach
    void client() {
        api = new Api(URI.create(base.toString())).asAdmin();
    }

    String create(String body) {
        var reply = api.post("api/scheduler/jobs", body);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().getString("job_id");
    }

    @Test
    void the_readme_example_creates_a_job_with_a_timer_and_a_location() {
        var reply = api.post("api/scheduler/jobs", EXAMPLE);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        var json = reply.json();
        String id = json.getString("job_id");
        assertSoftly(s -> {
            s.assertThat(json.getBoolean("success")).isTrue();
            s.assertThat(reply.location()).endsWith("/api/scheduler/jobs/" + id);
            s.assertThat(json.getJsonObject("data").getString("name")).isEqualTo("Test Job");
            s.assertThat(json.getJsonObject("data").getString("minute")).isEqualTo("*/5");
            s.assertThat(json.getJsonObject("data").getString("timezone")).isEqualTo("UTC");
            s.assertThat(json.getJsonObject("data").getBoolean("is_enabled")).isTrue();
            s.assertThat(json.getJsonObject("data").getJsonArray("pub_args").getString(0)).isEqualTo("Hello");
        });
        Instant next = Instant.parse(json.getJsonObject("data").getString("next_run_time"));
        assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofMinutes(5)).plusSeconds(1));
        assertThat(next.getEpochSecond() % 300).as("fires at second 0 of every fifth minute").isZero();

        var timer = timerOf(id);
        assertThat(timer).as("timer of " + id).isNotNull();
        assertSoftly(s -> {
            s.assertThat(timer.getJsonObject("expression").getString("minute")).isEqualTo("0,5,10,15,20,25,30,35,40,45,50,55");
            s.assertThat(timer.getJsonObject("expression").getString("second")).isEqualTo("0");
            s.assertThat(timer.getString("timezone")).isEqualTo("UTC");
            s.assertThat(timer.getBoolean("persistent")).isFalse();
            s.assertThat(timer.getString("job_name")).isEqualTo("Test Job");
            s.assertThat(Instant.parse(timer.getString("next_timeout"))).isEqualTo(next);
        });

        var got = api.get("api/scheduler/jobs/" + id);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.data().getString("job_id")).isEqualTo(id);
        api.delete("api/scheduler/jobs/" + id);
    }

    @Test
    void run_now_records_an_execution_with_the_output() {
        String user = newUser("run");
        String id = create(forUser(user, EXAMPLE));
        var run = api.post("api/scheduler/jobs/" + id + "/run", null);
        assertThat(run.status()).as(run.text()).isEqualTo(202);
        String executionId = run.json().getString("execution_id");

        var done = api.await("api/scheduler/executions/" + executionId,
                r -> r.status() == 200 && "succeeded".equals(r.data().getString("status")), Duration.ofSeconds(10));
        var execution = done.data();
        assertSoftly(s -> {
            s.assertThat(execution.getString("status")).isEqualTo("succeeded");
            s.assertThat(execution.getString("trigger")).isEqualTo("manual");
            s.assertThat(execution.getString("job_id")).isEqualTo(id);
            s.assertThat(execution.getString("user_id")).isEqualTo(user);
            s.assertThat(execution.getString("output")).isEqualTo("{\"args\":[\"Hello\",\"World\"],\"kwargs\":{}}");
            s.assertThat(execution.isNull("error")).isTrue();
            s.assertThat(execution.getString("hostname")).isNotBlank();
            s.assertThat(execution.getJsonNumber("duration_ms").longValue()).isNotNegative();
            s.assertThat(Instant.parse(execution.getString("completed_at")))
                    .isAfterOrEqualTo(Instant.parse(execution.getString("started_at")));
        });
        var job = api.get("api/scheduler/jobs/" + id).data();
        assertThat(job.getJsonNumber("total_executions").longValue()).isEqualTo(1);
        assertThat(job.getString("last_run_time")).isEqualTo(execution.getString("started_at"));

        var listed = api.get("api/scheduler/executions?job_id=" + id + "&status=succeeded").json();
        assertThat(listed.getInt("total")).isEqualTo(1);
        assertThat(listed.getJsonArray("data").getJsonObject(0).getString("id")).isEqualTo(executionId);
        assertThat(api.get("api/scheduler/executions?user_id=" + user + "&status=failed").json().getInt("total")).isZero();
        Instant created = Instant.parse(execution.getString("created_at"));
        assertThat(api.get("api/scheduler/executions?job_id=" + id + "&since=" + created).json().getInt("total")).isEqualTo(1);
        assertThat(api.get("api/scheduler/executions?job_id=" + id + "&since=" + created.plusMillis(1)).json().getInt("total")).isZero();
        assertThat(api.get("api/scheduler/executions?job_id=" + id + "&until=" + created.plusMillis(1)).json().getInt("total")).isEqualTo(1);
        assertThat(api.get("api/scheduler/executions?job_id=" + id + "&until=" + created).json().getInt("total")).isZero();

        var stats = api.get("api/scheduler/stats?user_id=" + user).json().getJsonObject("stats");
        assertSoftly(s -> {
            s.assertThat(stats.getInt("total_jobs")).isEqualTo(1);
            s.assertThat(stats.getInt("enabled_jobs")).isEqualTo(1);
            s.assertThat(stats.getInt("total_executions")).isEqualTo(1);
            s.assertThat(stats.getInt("succeeded")).isEqualTo(1);
            s.assertThat(stats.getJsonNumber("success_rate").doubleValue()).isEqualTo(100.0);
        });
        api.delete("api/scheduler/jobs/" + id);
    }

    @Test
    void before_keys_walk_a_jobs_executions_without_repeats_or_gaps() {
        String id = create(EXAMPLE.replace("Test Job", "paged"));
        for (int i = 0; i < 7; i++) {
            assertThat(api.post("api/scheduler/jobs/" + id + "/run", null).status()).isEqualTo(202);
        }
        var all = api.await("api/scheduler/executions?job_id=" + id + "&page_size=500",
                r -> r.json().getInt("total") == 7, Duration.ofSeconds(10)).json();
        assertThat(all.getBoolean("total_estimated")).isFalse();
        assertThat(all.isNull("next_before")).isTrue();
        List<String> listed = all.getJsonArray("data").stream().map(v -> v.asJsonObject().getString("id")).toList();
        assertThat(listed).as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());

        List<String> walked = new java.util.ArrayList<>();
        String before = null;
        do {
            var page = api.get("api/scheduler/executions?job_id=" + id + "&page_size=3"
                    + (before == null ? "" : "&before=" + before)).json();
            page.getJsonArray("data").forEach(v -> walked.add(v.asJsonObject().getString("id")));
            before = page.isNull("next_before") ? null : page.getString("next_before");
        } while (before != null);
        assertThat(walked).isEqualTo(listed);

        var newer = api.get("api/scheduler/executions?job_id=" + id + "&after=" + listed.getLast()).json();
        assertThat(newer.getJsonArray("data").stream().map(v -> v.asJsonObject().getString("id")).toList())
                .isEqualTo(listed.subList(0, 6));
        api.delete("api/scheduler/jobs/" + id);
    }

    @Test
    void a_job_every_second_fires_on_its_own_once_per_second() {
        String id = create("""
                {"job_class_string": "jobs.echo.EchoJob", "name": "tick", "second": "*"}""");
        Api.Reply reply;
        try {
            reply = api.await("api/scheduler/executions?job_id=" + id + "&status=succeeded",
                    r -> r.json().getJsonArray("data").size() >= 3, Duration.ofSeconds(8));
        } finally {
            api.delete("api/scheduler/jobs/" + id);
        }
        var executions = reply.json().getJsonArray("data");
        assertThat(executions.size()).isGreaterThanOrEqualTo(3);
        Set<Instant> due = new HashSet<>();
        for (JsonValue v : executions) {
            var e = v.asJsonObject();
            assertThat(e.getString("trigger")).isEqualTo("schedule");
            Instant scheduled = Instant.parse(e.getString("scheduled_time"));
            assertThat(scheduled.getNano()).isZero();
            assertThat(due.add(scheduled)).as("one execution per fire: " + scheduled).isTrue();
            assertThat(Instant.parse(e.getString("started_at"))).isAfterOrEqualTo(scheduled);
        }
        var all = api.get("api/scheduler/executions?job_id=" + id + "&page_size=500").json();
        Set<String> times = new HashSet<>();
        for (JsonValue v : all.getJsonArray("data")) {
            assertThat(times.add(v.asJsonObject().getString("scheduled_time"))).isTrue();
        }
    }

    @Test
    void update_pause_resume_and_delete_keep_the_timers_equal_to_the_active_jobs() {
        String a = create(EXAMPLE.replace("Test Job", "a"));
        String b = create(EXAMPLE.replace("Test Job", "b").replace("\"*/5\"", "\"7\""));
        assertThat(activeTimerIds()).contains(a, b);

        var updated = api.put("api/scheduler/jobs/" + a, "{\"hour\": \"9\", \"minute\": 30, \"timezone\": \"Europe/Berlin\"}");
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.data().getString("name")).as("untouched fields stay").isEqualTo("a");
        var timer = timerOf(a);
        assertThat(timer.getJsonObject("expression").getString("hour")).isEqualTo("9");
        assertThat(timer.getJsonObject("expression").getString("minute")).isEqualTo("30");
        assertThat(timer.getString("timezone")).isEqualTo("Europe/Berlin");

        assertThat(api.patch("api/scheduler/jobs/" + a + "/pause").data().getBoolean("is_paused")).isTrue();
        assertThat(api.patch("api/scheduler/jobs/" + a + "/pause").status()).as("idempotent").isEqualTo(200);
        assertThat(timerOf(a)).isNull();
        assertThat(api.get("api/scheduler/jobs/" + a).data().isNull("next_run_time")).isTrue();
        assertDrift();

        assertThat(api.patch("api/scheduler/jobs/" + a + "/resume").data().getBoolean("is_paused")).isFalse();
        assertThat(api.patch("api/scheduler/jobs/" + a + "/resume").status()).isEqualTo(200);
        assertThat(timerOf(a)).isNotNull();

        assertThat(api.put("api/scheduler/jobs/" + b, "{\"is_enabled\": false}").status()).isEqualTo(200);
        assertThat(timerOf(b)).isNull();
        assertDrift();

        assertThat(api.delete("api/scheduler/jobs/" + a).status()).isEqualTo(200);
        assertThat(timerOf(a)).isNull();
        assertThat(api.get("api/scheduler/jobs/" + a).status()).isEqualTo(404);
        api.delete("api/scheduler/jobs/" + b);
        assertDrift();
    }

    @Test
    void lists_filter_and_page() {
        String user = newUser("list");
        String x = create(forUser(user, EXAMPLE.replace("Test Job", "x")));
        String y = create(forUser(user, EXAMPLE.replace("Test Job", "y")));
        api.put("api/scheduler/jobs/" + y, "{\"is_enabled\": false}");

        var page1 = api.get("api/scheduler/jobs?user_id=" + user + "&page_size=1").json();
        assertSoftly(s -> {
            s.assertThat(page1.getInt("total")).isEqualTo(2);
            s.assertThat(page1.getInt("page")).isEqualTo(1);
            s.assertThat(page1.getInt("page_size")).isEqualTo(1);
            s.assertThat(page1.getJsonArray("data")).hasSize(1);
        });
        var page2 = api.get("api/scheduler/jobs?user_id=" + user + "&page_size=1&page=2").json();
        assertThat(page2.getJsonArray("data").getJsonObject(0).getString("id"))
                .isNotEqualTo(page1.getJsonArray("data").getJsonObject(0).getString("id"));
        assertThat(ids(api.get("api/scheduler/jobs?user_id=" + user + "&is_enabled=true").json())).containsExactly(x);
        assertThat(ids(api.get("api/scheduler/jobs?name=y&user_id=" + user).json())).containsExactly(y);
        assertThat(ids(api.get("api/scheduler/users/" + user + "/jobs").json())).containsExactlyInAnyOrder(x, y);

        var classes = api.get("api/scheduler/available-jobs").json().getJsonArray("data");
        assertThat(classes.stream().map(v -> v.asJsonObject().getString("job_class_string")))
                .contains("jobs.echo.EchoJob");
        api.delete("api/scheduler/jobs/" + x);
        api.delete("api/scheduler/jobs/" + y);
    }

    @Test
    void bad_input_is_a_400_problem_naming_the_field_and_saves_nothing() {
        long before = api.get("api/scheduler/jobs?page_size=1").json().getInt("total");
        expectProblem(api.post("api/scheduler/jobs", "{not json"), 400, "body");
        expectProblem(api.post("api/scheduler/jobs", "[1,2]"), 400, "body");
        expectProblem(api.post("api/scheduler/jobs", EXAMPLE.replace("\"name\": \"Test Job\",", "")), 400, "name");
        expectProblem(api.post("api/scheduler/jobs", EXAMPLE.replace("*/5", "61")), 400, "minute");
        expectProblem(api.post("api/scheduler/jobs", EXAMPLE.replace("jobs.echo.EchoJob", "jobs.nope.Nope")), 400, "job_class_string");
        expectProblem(api.post("api/scheduler/jobs", EXAMPLE.replace("\"minute\"", "\"timezone\": \"Mars/Base\", \"minute\"")), 400, "timezone");
        expectProblem(api.post("api/scheduler/jobs", EXAMPLE.replace("\"minute\"", "\"minutes\"")), 400, "minutes");
        expectProblem(api.post("api/scheduler/jobs", EXAMPLE.replace("[\"Hello\", \"World\"]", "\"Hello\"")), 400, "pub_args");
        expectProblem(api.post("api/scheduler/jobs", EXAMPLE.replace("\"*/5\"", "\"0\", \"day_of_month\": \"30\", \"month\": \"feb\"")), 400, null);
        assertThat(api.get("api/scheduler/jobs?page_size=1").json().getInt("total")).as("nothing saved").isEqualTo(before);

        String id = create(EXAMPLE);
        expectProblem(api.put("api/scheduler/jobs/" + id, "{\"hour\": \"25\"}"), 400, "hour");
        assertThat(api.get("api/scheduler/jobs/" + id).data().isNull("hour")).as("nothing half-saved").isTrue();
        assertThat(timerOf(id).getJsonObject("expression").getString("hour")).isEqualTo("*");
        api.delete("api/scheduler/jobs/" + id);

        expectProblem(api.get("api/scheduler/jobs/0123456789abcdef01234567"), 404, null);
        expectProblem(api.get("api/scheduler/jobs/not-an-id"), 404, null);
        expectProblem(api.put("api/scheduler/jobs/not-an-id", "{}"), 404, null);
        expectProblem(api.delete("api/scheduler/jobs/0123456789abcdef01234567"), 404, null);
        expectProblem(api.post("api/scheduler/jobs/0123456789abcdef01234567/run", null), 404, null);
        expectProblem(api.get("api/scheduler/executions/nope"), 404, null);
        expectProblem(api.get("api/scheduler/jobs?page_size=501"), 400, "page_size");
        expectProblem(api.get("api/scheduler/jobs?page=0"), 400, "page");
        expectProblem(api.get("api/scheduler/executions?page=5000000&page_size=500"), 400, "page");
        expectProblem(api.post("api/scheduler/jobs", EXAMPLE.replace("[\"Hello\", \"World\"]", "[18446744073709551616]")), 400, "pub_args");
        expectProblem(api.get("api/scheduler/users/not-an-id/jobs"), 404, null);
        expectProblem(api.get("api/scheduler/jobs?is_enabled=maybe"), 400, "is_enabled");
        expectProblem(api.get("api/scheduler/executions?status=lost"), 400, "status");
        expectProblem(api.get("api/scheduler/executions?since=yesterday"), 400, "since");
        expectProblem(api.get("api/scheduler/executions?before=yesterday"), 400, "before");
        expectProblem(api.get("api/scheduler/nothing-here"), 404, null);
    }

    @Test
    void health_openapi_and_probes_answer() {
        var health = api.get("api/scheduler/health");
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        assertThat(health.data().getBoolean("store_reachable")).isTrue();
        assertThat(health.data().getJsonArray("jobs_without_timer")).isEmpty();

        Api root = new Api(URI.create(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + "/"));
        assertThat(root.get("health/ready").status()).isEqualTo(200);
        assertThat(root.get("health/live").status()).isEqualTo(200);
        var openapi = root.get("openapi");
        assertThat(openapi.status()).isEqualTo(200);
        for (String path : List.of("/scheduler/jobs:", "/scheduler/jobs/{job_id}:", "/scheduler/jobs/{job_id}/pause:",
                "/scheduler/jobs/{job_id}/resume:", "/scheduler/jobs/{job_id}/run:", "/scheduler/executions:",
                "/scheduler/executions/{execution_id}:", "/scheduler/available-jobs:", "/scheduler/stats:",
                "/scheduler/health:", "/scheduler/timers:", "/scheduler/users/{user_id}/jobs:")) {
            assertThat(openapi.text()).contains(path);
        }
        assertThat(openapi.text()).as("examples of the answers").contains("total_executions").contains("success_rate")
                .contains("next_timeout").contains("execution_id").contains("application/problem+json");
    }

    private String newUser(String prefix) {
        return api.createUser("api-" + prefix + "-" + System.nanoTime(), "api-test-password-1");
    }

    private static String forUser(String userId, String body) {
        return body.replaceFirst("\\{", "{\"user_id\": \"" + userId + "\", ");
    }

    private void expectProblem(Api.Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        var problem = reply.json();
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
        if (field != null) {
            assertThat(problem.getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")))
                    .as(reply.text()).contains(field);
        }
    }

    private JsonObject timerOf(String jobId) {
        for (JsonValue v : api.get("api/scheduler/timers?page_size=500&drift=true").json().getJsonArray("data")) {
            if (jobId.equals(v.asJsonObject().getString("job_id"))) {
                return v.asJsonObject();
            }
        }
        return null;
    }

    private Set<String> activeTimerIds() {
        Set<String> ids = new HashSet<>();
        api.get("api/scheduler/timers?page_size=500&drift=true").json().getJsonArray("data").forEach(v -> ids.add(v.asJsonObject().getString("job_id")));
        return ids;
    }

    /** The live timers are exactly the enabled, unpaused jobs. */
    private void assertDrift() {
        var timers = api.get("api/scheduler/timers?page_size=500&drift=true").json();
        var drift = timers.getJsonObject("drift");
        assertThat(drift.getJsonArray("missing")).isEmpty();
        assertThat(drift.getJsonArray("orphans")).isEmpty();
        assertThat(drift.getJsonArray("stale")).isEmpty();
        Set<String> active = new HashSet<>();
        api.get("api/scheduler/jobs?is_enabled=true&page_size=500").json().getJsonArray("data").forEach(v -> {
            if (!v.asJsonObject().getBoolean("is_paused")) {
                active.add(v.asJsonObject().getString("id"));
            }
        });
        assertThat(activeTimerIds()).isEqualTo(active);
    }

    private static List<String> ids(JsonObject list) {
        return list.getJsonArray("data").stream().map(v -> ((JsonString) v.asJsonObject().get("id")).getString()).toList();
    }
}
