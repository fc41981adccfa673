package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Executions through the API on the shared server: a run now with its output, the list filters and the user's stats,
 * and key paging over a job's executions.
 */
class ExecutionsIT extends OnSharedServer {

    /**
     * The README's job, not due before 2099: these tests count a job's executions, and the README's job fires at
     * every fifth minute, which a run of the suite can cross (a scheduled fire made an eighth of seven).
     */
    static final String NOT_DUE = EXAMPLE.replace("\"minute\": \"*/5\"", "\"minute\": \"*/5\", \"year\": \"2099\"");

    @Test
    void run_now_records_an_execution_with_the_output() {
        String user = newUser("run");
        String id = create(forUser(user, NOT_DUE));
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
        String id = create(NOT_DUE.replace("Test Job", "paged"));
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
}
