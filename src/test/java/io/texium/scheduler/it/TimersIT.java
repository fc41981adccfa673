package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Live EJB timers on the shared server: a job every second fires once per second, and updating, pausing, resuming
 * and deleting jobs keeps the timers equal to the active jobs.
 */
class TimersIT extends OnSharedServer {

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
}
