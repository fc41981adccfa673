package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The execution policies at run time, on the shared server: retries with backoff as new executions, chains after
 * the last attempt, and max_instances skipping the fires that would overlap a run, one entry per overlap.
 */
class PoliciesIT extends OnSharedServer {

    /** A script (admin-only class) that fails until it has run {@code succeedAt} times, counting in a file. */
    String flakyJob(String name, int succeedAt, String policy) throws Exception {
        Path counter = Files.createTempFile(SharedServer.scriptsDir(), "count-", ".txt");
        OpsJobsIT.script(name + ".sh", """
                n=$(cat '%s'); n=$((n+1)); echo $n > '%s'
                echo "attempt $n"
                [ $n -ge %d ] || { echo "not yet" >&2; exit 3; }""".formatted(counter, counter, succeedAt));
        Files.writeString(counter, "0");
        return create("""
                {"job_class_string": "jobs.script.CustomScriptJob", "name": "%s", "minute": "0", "year": "2099",
                 "pub_kwargs": {"script": "%s.sh"}, %s}""".formatted(name, name, policy));
    }

    String echoJob(String name) {
        return create("""
                {"job_class_string": "jobs.echo.EchoJob", "name": "%s", "minute": "0", "year": "2099"}""".formatted(name));
    }

    JsonObject execution(String id) {
        return api.get("api/scheduler/executions/" + id).data();
    }

    JsonObject awaitEnded(String id, Duration timeout) {
        var reply = api.await("api/scheduler/executions/" + id,
                r -> r.status() == 200 && !r.data().getString("status").matches("scheduled|running"), timeout);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.data();
    }

    List<JsonObject> executionsOf(String jobId) {
        List<JsonObject> all = new ArrayList<>();
        for (JsonValue v : api.get("api/scheduler/executions?job_id=" + jobId + "&page_size=200").json().getJsonArray("data")) {
            all.add(v.asJsonObject());
        }
        return all;
    }

    String runNow(String jobId) {
        var run = api.post("api/scheduler/jobs/" + jobId + "/run", null);
        assertThat(run.status()).as(run.text()).isEqualTo(202);
        return run.json().getString("execution_id");
    }

    @Test
    void a_failing_run_is_retried_with_backoff_and_its_success_starts_the_on_success_chain() throws Exception {
        String next = echoJob("after the flaky one");
        String flaky = flakyJob("it-flaky", 3, """
                "max_retries": 3, "retry_delay_seconds": 1, "retry_backoff": 2, "on_success": ["%s"]""".formatted(next));

        JsonObject first = awaitEnded(runNow(flaky), Duration.ofSeconds(20));
        assertThat(first.getString("status")).isEqualTo("failed");
        String secondId = first.getString("next_attempt_id");
        JsonObject second = awaitEnded(secondId, Duration.ofSeconds(20));
        assertThat(second.getString("trigger")).isEqualTo("retry");
        assertThat(second.getInt("attempt")).isEqualTo(2);
        assertThat(second.getString("retry_of")).isEqualTo(first.getString("execution_id"));
        assertThat(second.getString("status")).isEqualTo("failed");
        assertThat(Duration.between(Instant.parse(first.getString("completed_at")), Instant.parse(second.getString("scheduled_time"))))
                .as("first retry after retry_delay_seconds").isBetween(Duration.ofMillis(500), Duration.ofMillis(1_500));
        JsonObject third = awaitEnded(second.getString("next_attempt_id"), Duration.ofSeconds(20));
        assertThat(third.getInt("attempt")).isEqualTo(3);
        assertThat(third.getString("status")).as(third.toString()).isEqualTo("succeeded");
        assertThat(Duration.between(Instant.parse(second.getString("completed_at")), Instant.parse(third.getString("scheduled_time"))))
                .as("second retry after retry_delay_seconds × retry_backoff").isBetween(Duration.ofMillis(1_500), Duration.ofMillis(2_500));
        assertThat(third.containsKey("next_attempt_id") && !third.isNull("next_attempt_id")).isFalse();

        var chained = api.await("api/scheduler/executions?job_id=" + next, r -> r.json().getJsonArray("data").size() == 1
                && r.json().getJsonArray("data").getJsonObject(0).getString("status").equals("succeeded"), Duration.ofSeconds(10));
        JsonObject child = chained.json().getJsonArray("data").getJsonObject(0);
        assertThat(child.getString("trigger")).isEqualTo("dependency");
        assertThat(child.getString("parent_execution_id")).isEqualTo(third.getString("execution_id"));
        assertThat(execution(third.getString("execution_id")).getJsonArray("children")).singleElement()
                .satisfies(c -> assertThat(c.asJsonObject().getString("execution_id")).isEqualTo(child.getString("execution_id")));
    }

    @Test
    void on_failure_runs_once_after_the_last_attempt_not_after_each_retry() throws Exception {
        String cleanup = echoJob("clean up after failure");
        String failing = flakyJob("it-never", 1_000, """
                "max_retries": 1, "retry_delay_seconds": 1, "on_failure": ["%s"]""".formatted(cleanup));

        JsonObject first = awaitEnded(runNow(failing), Duration.ofSeconds(20));
        JsonObject last = awaitEnded(first.getString("next_attempt_id"), Duration.ofSeconds(20));
        assertThat(last.getString("status")).isEqualTo("failed");

        var chained = api.await("api/scheduler/executions?job_id=" + cleanup, r -> r.json().getJsonArray("data").size() >= 1
                && r.json().getJsonArray("data").getJsonObject(0).getString("status").equals("succeeded"), Duration.ofSeconds(10));
        Thread.sleep(1_000); // a second chained run, were there one, would have been recorded by now
        List<JsonObject> runs = executionsOf(cleanup);
        assertThat(runs).as(chained.text()).singleElement()
                .satisfies(c -> assertThat(c.getString("parent_execution_id")).isEqualTo(last.getString("execution_id")));
    }

    @Test
    void fires_that_would_overlap_a_running_run_are_skipped_in_one_entry_naming_it() throws Exception {
        OpsJobsIT.script("it-slow.sh", "sleep 3; echo done");
        String slow = create("""
                {"job_class_string": "jobs.script.CustomScriptJob", "name": "slow", "second": "*",
                 "pub_kwargs": {"script": "it-slow.sh"}}""");
        Thread.sleep(4_500);
        assertThat(api.patch("api/scheduler/jobs/" + slow + "/pause").status()).isEqualTo(200);

        List<JsonObject> all = executionsOf(slow);
        List<JsonObject> skipped = all.stream().filter(x -> x.getString("status").equals("skipped")).toList();
        List<JsonObject> runs = all.stream().filter(x -> !x.getString("status").equals("skipped")).toList();
        assertThat(runs).as(all.toString()).hasSizeBetween(1, 2);
        assertThat(skipped).as(all.toString()).isNotEmpty().allSatisfy(k -> {
            assertThat(k.getString("reason")).contains("max_instances (1) reached");
            assertThat(runs.stream().map(r -> r.getString("execution_id"))).anyMatch(id -> k.getString("reason").contains(id));
        });
        JsonObject overlap = skipped.getFirst();
        assertThat(overlap.getJsonNumber("fire_count").longValue()).as(overlap.toString()).isGreaterThanOrEqualTo(2);
        assertThat(Duration.between(Instant.parse(overlap.getString("scheduled_time")),
                Instant.parse(overlap.getString("last_scheduled_time"))).toSeconds() + 1)
                .isEqualTo(overlap.getJsonNumber("fire_count").longValue());
    }
}
