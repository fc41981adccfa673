package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The built-in job classes from the API: described in available-jobs, their arguments checked when a job is saved,
 * the administrator-only classes kept to administrators, and the jobs without outside dependencies run for real.
 * (Jobs that call out, send mail, run scripts or write files have tests of their own.)
 */
class BuiltinJobsIT extends OnSharedServer {

    static final String NOT_DUE = "\"minute\": \"0\", \"hour\": \"0\", \"day_of_month\": \"1\", \"month\": \"1\", \"year\": \"2099\"";

    static String job(String jobClass, String kwargs) {
        return "{\"job_class_string\": \"" + jobClass + "\", \"name\": \"" + jobClass + "\", " + NOT_DUE
                + ", \"pub_kwargs\": " + kwargs + "}";
    }

    JsonObject runNow(Api as, String jobId) {
        var run = as.post("api/scheduler/jobs/" + jobId + "/run", null);
        assertThat(run.status()).as(run.text()).isEqualTo(202);
        return as.await("api/scheduler/executions/" + run.json().getString("execution_id"),
                r -> r.status() == 200 && !List.of("scheduled", "running").contains(r.data().getString("status")),
                Duration.ofSeconds(20)).data();
    }

    static JsonObject output(JsonObject execution) {
        return io.texium.scheduler.platform.JsonValues.object(execution.getString("output"));
    }

    @Test
    void every_job_class_describes_itself_with_typed_arguments_and_an_example() {
        var types = api.get("api/scheduler/available-jobs").json().getJsonArray("data");
        assertThat(types.stream().map(t -> t.asJsonObject().getString("job_class_string")))
                .contains("jobs.echo.EchoJob", "jobs.server_health.ServerHealthCheckJob", "jobs.backup.DataBackupJob",
                        "jobs.email.EmailNotificationJob", "jobs.cleanup.DataCleanupJob", "jobs.metrics.SystemMetricsJob",
                        "jobs.report.ReportGenerationJob", "jobs.webhook.WebhookJob", "jobs.maintenance.MaintenanceJob",
                        "jobs.script.CustomScriptJob");
        for (JsonValue value : types) {
            var type = value.asJsonObject();
            String name = type.getString("job_class_string");
            assertSoftly(s -> {
                s.assertThat(type.getString("name")).as(name).isNotBlank();
                s.assertThat(type.getString("description")).as(name).isNotBlank();
                s.assertThat(type.containsKey("example_pub_args")).as(name).isTrue();
                s.assertThat(type.containsKey("example_pub_kwargs")).as(name).isTrue();
                s.assertThat(type.containsKey("admin_only")).as(name).isTrue();
                for (JsonValue a : type.getJsonArray("arguments")) {
                    s.assertThat(a.asJsonObject().getString("type")).as(name + " argument type").isNotBlank();
                    s.assertThat(a.asJsonObject().getString("description")).as(name + " argument description").isNotBlank();
                }
            });
        }
    }

    @Test
    void a_wrong_argument_is_refused_when_the_job_is_saved_naming_it() {
        var reply = api.post("api/scheduler/jobs", job("jobs.cleanup.DataCleanupJob",
                "{\"days\": 0, \"statuses\": [\"running\"], \"colour\": \"blue\"}"));
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.text()).contains("pub_kwargs.colour");
        var rule = api.post("api/scheduler/jobs", job("jobs.cleanup.DataCleanupJob", "{\"days\": 0, \"statuses\": [\"running\"]}"));
        assertThat(rule.status()).isEqualTo(400);
        assertThat(rule.text()).contains("pub_kwargs.days").contains("pub_kwargs.statuses");
        var typed = api.post("api/scheduler/jobs", job("jobs.cleanup.DataCleanupJob", "{\"days\": \"thirty\"}"));
        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.text()).contains("pub_kwargs.days").contains("must be an integer");
        var positional = api.post("api/scheduler/jobs", job("jobs.cleanup.DataCleanupJob", "{}")
                .replace("\"pub_kwargs\": {}", "\"pub_args\": [7, [\"failed\"], false, 30, \"extra\"]"));
        assertThat(positional.status()).isEqualTo(400);
        assertThat(positional.text()).contains("pub_args[4]");
    }

    @Test
    void an_administrator_only_class_is_refused_to_others_and_warns_once_its_owner_is_no_longer_one() {
        String user = newUser("metrics");
        var asUser = new Api(base).as(userName(user), "api-test-password-1");
        var refused = asUser.post("api/scheduler/jobs", job("jobs.metrics.SystemMetricsJob", "{}"));
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.text()).contains("job_class_string").contains("administrator");

        String admin = newUser("metrics-admin");
        assertThat(api.put("api/users/" + admin, "{\"role\": \"admin\"}").status()).isEqualTo(200);
        String jobId = create(forUser(admin, job("jobs.metrics.SystemMetricsJob", "{}")));
        assertThat(api.get("api/scheduler/jobs/" + jobId).data().getJsonArray("warnings")).isEmpty();

        assertThat(api.put("api/users/" + admin, "{\"role\": \"user\"}").status()).isEqualTo(200);
        var warnings = api.get("api/scheduler/jobs/" + jobId).data().getJsonArray("warnings");
        assertThat(warnings).hasSize(1);
        assertThat(warnings.getJsonObject(0).getString("field")).isEqualTo("job_class_string");
        var failed = runNow(api, jobId);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("error")).contains("not an administrator");
    }

    @Test
    void system_metrics_stores_a_sample_that_the_history_serves() {
        String jobId = create(job("jobs.metrics.SystemMetricsJob", "{}"));
        var execution = runNow(api, jobId);
        assertThat(execution.getString("status")).as(execution.toString()).isEqualTo("succeeded");
        var sample = output(execution);
        assertSoftly(s -> {
            s.assertThat(sample.getJsonNumber("heap_used_bytes").longValue()).isPositive();
            s.assertThat(sample.getJsonNumber("threads").intValue()).isPositive();
            s.assertThat(sample.getJsonNumber("disk_free_bytes").longValue()).isPositive();
            s.assertThat(sample.getJsonNumber("timer_count").intValue()).isNotNegative();
            s.assertThat(sample.getJsonNumber("uptime_seconds").longValue()).isNotNegative();
            s.assertThat(sample.containsKey("executions_last_minute")).isTrue();
        });
        var history = api.get("api/scheduler/metrics/history?page_size=500").json();
        assertThat(history.getJsonArray("data").stream().map(v -> v.asJsonObject().getString("time")))
                .contains(sample.getString("time"));
        String user = newUser("history");
        assertThat(new Api(base).as(userName(user), "api-test-password-1").get("api/scheduler/metrics/history").status())
                .isEqualTo(403);
        assertThat(api.get("api/scheduler/metrics/history?since=2026-13-01").status()).isEqualTo(400);
    }

    @Test
    void maintenance_reconciles_and_reports() {
        String jobId = create(job("jobs.maintenance.MaintenanceJob", "{\"running_limit_minutes\": 5}"));
        var execution = runNow(api, jobId);
        assertThat(execution.getString("status")).as(execution.toString()).isEqualTo("succeeded");
        var output = output(execution);
        assertThat(output.getInt("timers_armed") + output.getInt("timers_cancelled")).isNotNegative();
        assertThat(output.getInt("indexes_ensured")).isPositive();
        assertThat(output.getJsonArray("running_too_long")).isNotNull();
        assertThat(timerOf(jobId)).as("the job's own timer is armed after the reconcile").isNotNull();
    }

    @Test
    void a_users_data_cleanup_cleans_only_that_users_executions() {
        String user = newUser("cleanup");
        var asUser = new Api(base).as(userName(user), "api-test-password-1");
        var created = asUser.post("api/scheduler/jobs", job("jobs.cleanup.DataCleanupJob", "{\"days\": 1}"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        var execution = runNow(asUser, created.json().getString("job_id"));
        assertThat(execution.getString("status")).as(execution.toString()).isEqualTo("succeeded");
        assertThat(output(execution).getString("scope")).isEqualTo("user " + user);
        var audit = asUser.post("api/scheduler/jobs", job("jobs.cleanup.DataCleanupJob", "{\"include_audit\": true}"));
        var refused = runNow(asUser, audit.json().getString("job_id"));
        assertThat(refused.getString("status")).isEqualTo("failed");
        assertThat(refused.getString("error")).contains("include_audit");
    }

    /** The username {@link #newUser} gave the user with this id. */
    String userName(String userId) {
        return api.get("api/users/" + userId).data().getString("username");
    }
}
