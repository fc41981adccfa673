package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.texium.scheduler.platform.LocalHttp;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The jobs and the endpoint that call out, through the API on the shared server, against an HTTP server in this test
 * JVM: the shared server allows 127.0.0.1 (texium.webhook.allowed-hosts) and nothing else that is loopback or private.
 */
class OutboundJobsIT extends OnSharedServer {

    static final String SECRET = "Bearer it-webhook-secret";

    final LocalHttp target = new LocalHttp();

    @AfterEach
    void stop() {
        target.close();
    }

    String job(String user, String jobClass, String kwargs) {
        return create(forUser(user, """
                {"job_class_string": "%s", "name": "outbound", "minute": "0", "hour": "3", "year": "2099", "pub_kwargs": %s}"""
                .formatted(jobClass, kwargs)));
    }

    JsonObject runToEnd(String jobId) {
        var run = api.post("api/scheduler/jobs/" + jobId + "/run", null);
        assertThat(run.status()).as(run.text()).isEqualTo(202);
        return api.await("api/scheduler/executions/" + run.json().getString("execution_id"),
                r -> r.status() == 200 && !r.data().getString("status").matches("scheduled|running"), Duration.ofSeconds(30)).data();
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void a_webhook_job_calls_the_url_and_records_the_answer_with_its_secret_masked() {
        String user = newUser("hook");
        String id = job(user, "jobs.webhook.WebhookJob", """
                {"url": "%s", "method": "PUT", "body": {"event": "it"}, "headers": {"X-Source": "texium"}, "authorization": "%s"}"""
                .formatted(target.url("/echo"), SECRET));
        String view = api.get("api/scheduler/jobs/" + id).text();
        assertThat(view).doesNotContain(SECRET).contains("********");

        var execution = runToEnd(id);
        assertThat(execution.getString("status")).as(execution.toString()).isEqualTo("succeeded");
        var output = json(execution.getString("output"));
        assertSoftly(s -> {
            s.assertThat(output.getInt("status")).isEqualTo(200);
            s.assertThat(output.getString("body")).isEqualTo("{\"method\":\"PUT\",\"length\":14}");
            s.assertThat(output.getString("final_url")).isEqualTo(target.url("/echo"));
            s.assertThat(output.getBoolean("truncated")).isFalse();
            s.assertThat(output.getJsonNumber("latency_ms").longValue()).isNotNegative();
            s.assertThat(execution.toString()).doesNotContain(SECRET);
        });
        assertThat(target.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.header("Authorization")).isEqualTo(SECRET);
            assertThat(seen.body()).isEqualTo("{\"event\":\"it\"}");
        });
    }

    @Test
    void an_unexpected_status_fails_the_run_with_status_and_latency() {
        String id = job(newUser("hook500"), "jobs.webhook.WebhookJob", "{\"url\": \"%s\"}".formatted(target.url("/status/500")));
        var execution = runToEnd(id);
        assertThat(execution.getString("status")).isEqualTo("failed");
        assertThat(execution.getString("error")).contains("answered HTTP 500 after").contains("expected 2xx");
    }

    @Test
    void refused_targets_and_a_bare_authorization_header_are_refused_at_save_time() {
        for (String kwargs : new String[] {"{\"url\": \"http://169.254.169.254/latest/meta-data/\"}", "{\"url\": \"http://[::1]:8080/\"}",
                "{\"url\": \"https://example.com/\", \"headers\": {\"Authorization\": \"Bearer x\"}}"}) {
            var reply = api.post("api/scheduler/jobs", """
                    {"job_class_string": "jobs.webhook.WebhookJob", "name": "bad", "hour": "3", "pub_kwargs": %s}""".formatted(kwargs));
            assertThat(reply.status()).as(reply.text()).isEqualTo(400);
            assertThat(reply.text()).contains(kwargs.contains("headers") ? "pub_kwargs.headers.Authorization" : "pub_kwargs.url");
        }
    }

    @Test
    void a_server_is_checked_now_by_its_owner_and_by_a_health_check_job() {
        String name = "api-checks-" + System.nanoTime();
        String user = api.createUser(name, "api-test-password-1");
        Api owner = api.as(name, "api-test-password-1");
        String up = owner.post("api/servers/", """
                {"name": "web", "check": {"type": "http", "url": "%s"}}""".formatted(target.url("/ok"))).data().getString("id");
        String down = owner.post("api/servers/", """
                {"name": "api", "check": {"type": "http", "url": "%s"}}""".formatted(target.url("/status/503"))).data().getString("id");

        var checked = owner.post("api/servers/" + up + "/check", null);
        assertThat(checked.status()).as(checked.text()).isEqualTo(200);
        assertSoftly(s -> {
            s.assertThat(checked.data().getString("status")).isEqualTo("up");
            s.assertThat(checked.data().isNull("last_checked_at")).isFalse();
            s.assertThat(checked.data().getJsonNumber("last_latency_ms").longValue()).isNotNegative();
        });
        assertThat(owner.get("api/servers/" + up).data().getString("status")).isEqualTo("up");
        String stranger = "api-stranger-" + System.nanoTime();
        api.createUser(stranger, "api-test-password-1");
        assertThat(api.as(stranger, "api-test-password-1").post("api/servers/" + up + "/check", null).status()).isEqualTo(404);
        var audit = api.get("api/scheduler/audit?event=server_checked&target_id=" + up).json();
        assertThat(audit.getJsonArray("data")).hasSize(1);

        String job = job(user, "jobs.server_health.ServerHealthCheckJob", "{\"timeout_seconds\": 3}");
        var execution = runToEnd(job);
        assertThat(execution.getString("status")).as(execution.toString()).isEqualTo("succeeded");
        var output = json(execution.getString("output"));
        assertThat(output.getInt("checked")).isEqualTo(2);
        assertThat(output.getInt("up")).isEqualTo(1);
        assertThat(output.getInt("down")).isEqualTo(1);
        var stored = owner.get("api/servers/" + down).data();
        assertThat(stored.getString("status")).isEqualTo("down");
        assertThat(stored.getString("last_error")).isEqualTo("HTTP 503");

        var refused = owner.post("api/servers/", """
                {"name": "meta", "check": {"type": "http", "url": "http://169.254.169.254/latest/"}}""");
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.text()).contains("check.url").contains("link-local");
    }
}
