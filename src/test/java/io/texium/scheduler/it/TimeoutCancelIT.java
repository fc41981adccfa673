package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.platform.LocalHttp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Timeouts and cancel on the shared server. A job that ignores its thread's interrupt is a Webhook job calling
 * {@code /slow} on a server in this JVM: its socket read does not see the interrupt, so its thread stays in the job
 * until the test lets the answers go. With every worker slot held by such runs, a run can start only if a timeout or a
 * cancel gave a slot back.
 */
class TimeoutCancelIT extends OnSharedServer {

    static final Duration END = Duration.ofSeconds(15);

    final LocalHttp target = new LocalHttp();

    @AfterEach
    void close() {
        target.close();
    }

    String slowHook(String user, String timeout, String notify) {
        return create(forUser(user, """
                {"job_class_string": "jobs.webhook.WebhookJob", "name": "slow", "minute": "0", "year": "2099",
                 "pub_kwargs": {"url": "%s", "timeout_seconds": 60}%s%s}""".formatted(target.url("/slow"),
                timeout == null ? "" : ", \"timeout_seconds\": " + timeout, notify == null ? "" : ", \"notify\": " + notify)));
    }

    String runNow(String jobId) {
        var run = api.post("api/scheduler/jobs/" + jobId + "/run", null);
        assertThat(run.status()).as(run.text()).isEqualTo(202);
        return run.json().getString("execution_id");
    }

    JsonObject awaitStatus(String executionId, String status) {
        var x = api.await("api/scheduler/executions/" + executionId,
                r -> r.status() == 200 && status.equals(r.data().getString("status")), END).data();
        assertThat(x.getString("status")).as(x.toString()).isEqualTo(status);
        return x;
    }

    /** A gauge's value from the Prometheus text (with or without tags). */
    double gauge(String name) {
        String text = api.send("GET", "api/scheduler/metrics", null, java.util.Map.of("Accept", "text/plain")).text();
        var line = java.util.regex.Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$").matcher(text);
        assertThat(line.find()).as("metric " + name + " in " + text).isTrue();
        return Double.parseDouble(line.group(2));
    }

    /** The worker slots, read after a run (the workers, and their gauges, start with the first run). */
    int workers() {
        awaitStatus(runNow(create(ExecutionsIT.NOT_DUE)), "succeeded");
        return (int) gauge("texium_workers");
    }

    int stuckThreads() {
        for (JsonValue v : api.get("api/scheduler/instances").json().getJsonArray("data")) {
            if (v.asJsonObject().getBoolean("self")) {
                return v.asJsonObject().getInt("stuck_threads");
            }
        }
        throw new AssertionError("no instance marked self");
    }

    double stuckMetric() {
        return gauge("texium_workers_stuck");
    }

    void awaitStuck(int n) {
        api.await("api/scheduler/instances", r -> stuckThreads() == n, END);
        assertThat(stuckThreads()).isEqualTo(n);
    }

    @Test
    void runs_past_their_timeout_end_timeout_notify_and_give_their_slots_back_while_their_threads_linger() {
        String user = newUser("timeout");
        int workers = workers();
        List<String> hooks = new ArrayList<>();
        String notified = slowHook(user, "1", """
                {"on": ["timeout"], "webhooks": ["%s"]}""".formatted(target.url("/echo")));
        hooks.add(runNow(notified));
        for (int i = 1; i < workers; i++) {
            hooks.add(runNow(slowHook(user, "1", null)));
        }
        for (String id : hooks) {
            var x = awaitStatus(id, "timeout");
            assertThat(x.getString("error")).startsWith("timed out after 1 s");
            assertThat(x.getJsonNumber("duration_ms").longValue()).isBetween(900L, 10_000L);
        }
        assertThat(stuckThreads()).as("every timed-out job is still in its socket read").isEqualTo(workers);
        assertThat(stuckMetric()).isEqualTo(workers);

        // every slot's thread is stuck: this run starts only because the timeouts gave the slots back
        String echo = create(forUser(user, ExecutionsIT.NOT_DUE));
        awaitStatus(runNow(echo), "succeeded");
        assertThat(stuckThreads()).as("the stuck threads still linger").isEqualTo(workers);

        api.await("api/scheduler/executions/" + hooks.getFirst(),
                r -> !target.seen().stream().filter(s -> s.path().equals("/echo")).toList().isEmpty(), END);
        var told = target.seen().stream().filter(s -> s.path().equals("/echo")).findFirst().orElseThrow();
        assertThat(told.body()).contains(hooks.getFirst()).contains("timeout");

        target.release();
        awaitStuck(0);
        for (String id : hooks) {
            assertThat(api.get("api/scheduler/executions/" + id).data().getString("status"))
                    .as("the late answer is discarded").isEqualTo("timeout");
        }
        var stats = api.get("api/scheduler/stats?user_id=" + user).json().getJsonObject("stats");
        assertThat(stats.getInt("timeout")).isEqualTo(workers);
        assertThat(stats.getInt("succeeded")).isEqualTo(1);
        assertThat(stats.getJsonNumber("success_rate").doubleValue())
                .isEqualTo(Math.round(10000.0 / (workers + 1)) / 100.0);
    }

    @Test
    void a_queued_run_is_cancelled_before_it_starts_and_running_ones_are_stopped_on_request() {
        String user = newUser("cancel");
        int workers = workers();
        List<String> running = new ArrayList<>();
        String hook = slowHook(user, null, null);
        for (int i = 0; i < workers; i++) {
            running.add(runNow(hook));
        }
        running.forEach(id -> awaitStatus(id, "running"));
        String queued = runNow(create(forUser(user, ExecutionsIT.NOT_DUE)));
        assertThat(api.get("api/scheduler/executions/" + queued).data().getString("status")).isEqualTo("scheduled");

        var cancelled = api.post("api/scheduler/executions/" + queued + "/cancel", null);
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.data().getString("status")).isEqualTo("cancelled");
        assertThat(cancelled.data().getString("reason")).contains("before it started");
        assertThat(cancelled.data().isNull("started_at")).isTrue();

        // the owner may cancel; another user sees no such execution
        var other = new Api(base).as(userName(newUser("stranger")), "api-test-password-1");
        assertThat(other.post("api/scheduler/executions/" + running.getFirst() + "/cancel", null).status()).isEqualTo(404);
        var owner = new Api(base).as(userName(user), "api-test-password-1");
        for (String id : running) {
            var stopped = owner.post("api/scheduler/executions/" + id + "/cancel", null);
            assertThat(stopped.status()).as(stopped.text()).isEqualTo(200);
            assertThat(stopped.data().getString("status")).isEqualTo("cancelled");
            assertThat(stopped.data().getString("reason")).contains("while it ran");
        }
        assertThat(stuckThreads()).isEqualTo(workers);
        // the slots are free again, and the cancelled queued run is not started by them
        awaitStatus(runNow(create(forUser(user, ExecutionsIT.NOT_DUE))), "succeeded");
        assertThat(api.get("api/scheduler/executions/" + queued).data().getString("status")).isEqualTo("cancelled");

        var audit = api.get("api/scheduler/audit?event=execution_cancelled&target_id=" + queued).json();
        assertThat(audit.getJsonArray("data")).hasSize(1);
        assertThat(audit.getJsonArray("data").getJsonObject(0).getString("target_type")).isEqualTo("execution");

        target.release();
        awaitStuck(0);
        var stats = api.get("api/scheduler/stats?user_id=" + user).json().getJsonObject("stats");
        assertThat(stats.getInt("cancelled")).isEqualTo(workers + 1);
        assertThat(stats.getJsonNumber("success_rate").doubleValue()).as("cancelled runs are counted apart").isEqualTo(100.0);
    }

    @Test
    void a_cancelled_script_has_its_process_tree_killed() throws Exception {
        Path pidFile = SharedServer.scriptsDir().resolve("it-cancel-" + System.nanoTime() + ".pid");
        OpsJobsIT.script("it-cancel.sh", "sleep 120 & echo $! > " + pidFile + "; wait");
        String id = create(OpsJobsIT.scriptJob("it-cancel.sh"));
        String execution = runNow(id);
        awaitStatus(execution, "running");
        api.await("api/scheduler/executions/" + execution, r -> readPid(pidFile).isPresent(), END);
        long pid = Long.parseLong(readPid(pidFile).orElseThrow());
        assertThat(ProcessHandle.of(pid)).as("the script's child runs").isPresent();

        var cancelled = api.post("api/scheduler/executions/" + execution + "/cancel", null);
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.data().getString("status")).isEqualTo("cancelled");
        api.await("api/scheduler/instances", r -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), END);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("the child was killed").isFalse();
        awaitStuck(0);
    }

    @Test
    void a_finished_execution_answers_409_and_an_unknown_one_404() {
        String execution = runNow(create(ExecutionsIT.NOT_DUE));
        awaitStatus(execution, "succeeded");
        var reply = api.post("api/scheduler/executions/" + execution + "/cancel", null);
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getString("detail")).contains("has ended (succeeded)");
        assertThat(api.post("api/scheduler/executions/0123456789abcdef01234567/cancel", null).status()).isEqualTo(404);
        assertThat(api.post("api/scheduler/executions/not-an-id/cancel", null).status()).isEqualTo(404);
    }

    static Optional<String> readPid(Path file) {
        try {
            String text = Files.readString(file).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    String userName(String userId) {
        return api.get("api/users/" + userId).data().getString("username");
    }
}
