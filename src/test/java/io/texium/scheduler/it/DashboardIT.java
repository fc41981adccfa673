package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard over HTTP with a few real runs: counts, hourly rows, top lists and next runs of one user's jobs, not
 * another's; fired runs' lag in their hour; bad parameters refused by name.
 */
class DashboardIT extends OnSharedServer {

    static final String PASSWORD = "api-test-password-1";
    static final String ECHO = "{\"job_class_string\": \"jobs.echo.EchoJob\", \"name\": \"dash echo\", \"hour\": \"3\"}";

    JsonObject runNow(String jobId) {
        var run = api.post("api/scheduler/jobs/" + jobId + "/run", null);
        assertThat(run.status()).as(run.text()).isEqualTo(202);
        return api.await("api/scheduler/executions/" + run.json().getString("execution_id"),
                r -> r.status() == 200 && !List.of("scheduled", "running").contains(r.data().getString("status")),
                Duration.ofSeconds(20)).data();
    }

    Api as(String userId) {
        return new Api(base).as(api.get("api/users/" + userId).data().getString("username"), PASSWORD);
    }

    /** A job of the user that fails when run: a SystemMetrics job made while they were an admin, run after they are not. */
    String failingJob(String userId) {
        assertThat(api.put("api/users/" + userId, "{\"role\": \"admin\"}").status()).isEqualTo(200);
        String id = create(forUser(userId, "{\"job_class_string\": \"jobs.metrics.SystemMetricsJob\", \"name\": \"dash metrics\", \"hour\": \"3\"}"));
        assertThat(api.put("api/users/" + userId, "{\"role\": \"user\"}").status()).isEqualTo(200);
        return id;
    }

    static List<String> jobIds(JsonArray rows) {
        return rows.stream().map(JsonValue::asJsonObject).map(r -> r.getString("job_id")).toList();
    }

    static long sum(JsonArray rows, String field) {
        return rows.stream().map(JsonValue::asJsonObject).mapToLong(r -> r.getJsonNumber(field).longValue()).sum();
    }

    @Test
    void a_user_sees_their_own_runs_counted_by_hour_and_not_another_users() {
        String a = newUser("dash-a");
        String b = newUser("dash-b");
        String echoA = create(forUser(a, ECHO));
        String failingA = failingJob(a);
        String echoB = create(forUser(b, ECHO));
        Instant before = Instant.now();
        for (int i = 0; i < 3; i++) {
            assertThat(runNow(echoA).getString("status")).isEqualTo("succeeded");
        }
        assertThat(runNow(failingA).getString("status")).isEqualTo("failed");
        assertThat(runNow(echoB).getString("status")).isEqualTo("succeeded");
        Instant after = Instant.now();
        Api asA = as(a);
        Api asB = as(b);

        var summary = asA.get("api/scheduler/dashboard/summary?hours=2");
        assertThat(summary.status()).as(summary.text()).isEqualTo(200);
        var data = summary.data();
        assertSoftly(s -> {
            s.assertThat(data.getJsonObject("counts").getInt("succeeded")).isEqualTo(3);
            s.assertThat(data.getJsonObject("counts").getInt("failed")).isEqualTo(1);
            s.assertThat(data.getJsonObject("counts").keySet()).containsExactlyInAnyOrder("scheduled", "running",
                    "succeeded", "failed", "timeout", "cancelled", "missed", "skipped");
            s.assertThat(data.getInt("total")).isEqualTo(4);
            s.assertThat(data.getJsonNumber("success_rate").doubleValue()).isEqualTo(0.75);
            s.assertThat(data.getJsonObject("jobs").getInt("total")).isEqualTo(2);
            s.assertThat(Instant.parse(data.getString("from"))).isEqualTo(Instant.parse(data.getString("to"))
                    .truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1)));
        });
        var ofB = asB.get("api/scheduler/dashboard/summary").data();
        assertThat(ofB.getInt("total")).isEqualTo(1);
        assertThat(ofB.getJsonObject("jobs").getInt("total")).isEqualTo(1);
        assertThat(api.get("api/scheduler/dashboard/summary?user_id=" + a).data().getInt("total")).isEqualTo(4);
        assertThat(asB.get("api/scheduler/dashboard/summary?user_id=" + a).status()).isEqualTo(403);

        JsonArray hourly = asA.get("api/scheduler/dashboard/hourly").json().getJsonArray("data");
        assertThat(hourly).hasSize(24);
        assertThat(sum(hourly, "succeeded")).isEqualTo(3);
        assertThat(sum(hourly, "failed")).isEqualTo(1);
        Instant lastHour = Instant.parse(hourly.getJsonObject(23).getString("hour"));
        assertThat(lastHour).isIn(before.truncatedTo(ChronoUnit.HOURS), after.truncatedTo(ChronoUnit.HOURS),
                Instant.now().truncatedTo(ChronoUnit.HOURS));
        for (int i = 1; i < 24; i++) {
            assertThat(Instant.parse(hourly.getJsonObject(i).getString("hour")))
                    .isEqualTo(Instant.parse(hourly.getJsonObject(i - 1).getString("hour")).plus(Duration.ofHours(1)));
        }
        assertThat(asA.get("api/scheduler/dashboard/hourly?hours=168").json().getJsonArray("data")).hasSize(168);

        JsonArray slowest = asA.get("api/scheduler/dashboard/slowest").json().getJsonArray("data");
        assertThat(jobIds(slowest)).contains(echoA).doesNotContain(echoB);
        JsonObject echoRow = slowest.stream().map(JsonValue::asJsonObject).filter(r -> r.getString("job_id").equals(echoA))
                .findFirst().orElseThrow();
        assertThat(echoRow.getInt("runs")).isEqualTo(3);
        assertThat(echoRow.getString("job_name")).isEqualTo("dash echo");
        assertThat(echoRow.getJsonNumber("max_ms").longValue()).isGreaterThanOrEqualTo(echoRow.getJsonNumber("avg_ms").longValue());

        JsonArray failing = asA.get("api/scheduler/dashboard/failing?limit=5").json().getJsonArray("data");
        assertThat(jobIds(failing)).containsExactly(failingA);
        assertThat(failing.getJsonObject(0).getInt("failures")).isEqualTo(1);
        assertThat(failing.getJsonObject(0).getString("last_error")).contains("not an administrator");
        assertThat(Instant.parse(failing.getJsonObject(0).getString("last_failure_at"))).isBetween(before, Instant.now());
        assertThat(asB.get("api/scheduler/dashboard/failing").json().getJsonArray("data")).isEmpty();
        assertThat(jobIds(asB.get("api/scheduler/dashboard/slowest").json().getJsonArray("data"))).containsExactly(echoB);

        JsonArray upcoming = asA.get("api/scheduler/dashboard/upcoming").json().getJsonArray("data");
        assertThat(jobIds(upcoming)).containsExactlyInAnyOrder(echoA, failingA);
        assertThat(Instant.parse(upcoming.getJsonObject(0).getString("next_run_time"))).isAfter(before);
        assertThat(api.patch("api/scheduler/jobs/" + echoA + "/pause").status()).isEqualTo(200);
        assertThat(jobIds(asA.get("api/scheduler/dashboard/upcoming").json().getJsonArray("data"))).containsExactly(failingA);
    }

    @Test
    void fired_runs_show_their_lag_in_the_hour_they_were_due() {
        String c = newUser("dash-lag");
        String every = create(forUser(c, "{\"job_class_string\": \"jobs.echo.EchoJob\", \"name\": \"dash tick\", \"second\": \"*\"}"));
        var fired = api.await("api/scheduler/executions?job_id=" + every + "&status=succeeded",
                r -> r.status() == 200 && r.json().getInt("total") >= 3, Duration.ofSeconds(20));
        assertThat(api.patch("api/scheduler/jobs/" + every + "/pause").status()).isEqualTo(200);
        assertThat(fired.json().getInt("total")).isGreaterThanOrEqualTo(3);

        JsonArray lag = as(c).get("api/scheduler/dashboard/lag?hours=2").json().getJsonArray("data");
        assertThat(lag).hasSize(2);
        assertThat(sum(lag, "count")).isGreaterThanOrEqualTo(3);
        JsonObject hour = lag.stream().map(JsonValue::asJsonObject).filter(r -> r.getInt("count") > 0).reduce((x, y) -> y).orElseThrow();
        long p50 = hour.getJsonNumber("p50_ms").longValue();
        long p95 = hour.getJsonNumber("p95_ms").longValue();
        long max = hour.getJsonNumber("max_ms").longValue();
        assertThat(p50).isNotNegative().isLessThanOrEqualTo(p95);
        assertThat(p95).isLessThanOrEqualTo(max);
        JsonObject empty = lag.stream().map(JsonValue::asJsonObject).filter(r -> r.getInt("count") == 0).findFirst().orElse(null);
        if (empty != null) {
            assertThat(empty.isNull("p50_ms")).isTrue();
        }
    }

    @Test
    void bad_parameters_are_refused_naming_them() {
        for (String query : List.of("summary?hours=0", "hourly?hours=169", "lag?hours=abc", "slowest?limit=0",
                "failing?limit=51", "upcoming?limit=x", "summary?user_id=a.b")) {
            var reply = api.get("api/scheduler/dashboard/" + query);
            assertThat(reply.status()).as(query + " -> " + reply.text()).isEqualTo(400);
            String field = query.substring(query.indexOf('?') + 1, query.indexOf('='));
            assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo(field);
        }
    }
}
