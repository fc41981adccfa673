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

    @Test
    void a_timer_shows_its_job_owner_schedule_in_words_last_fire_and_recent_lags() {
        String id = create("""
                {"job_class_string": "jobs.echo.EchoJob", "name": "lagged", "second": "*"}""");
        try {
            var reply = api.await("api/scheduler/timers?job_id=" + id, r -> {
                var data = r.json().getJsonArray("data");
                return !data.isEmpty() && !data.getJsonObject(0).isNull("last_fire")
                        && data.getJsonObject(0).getJsonArray("recent_lag_ms").size() >= 2;
            }, Duration.ofSeconds(10));
            var timer = reply.json().getJsonArray("data").getJsonObject(0);
            assertThat(timer.getString("job_name")).isEqualTo("lagged");
            assertThat(timer.getString("owner_name")).isEqualTo("admin");
            assertThat(timer.getString("owner")).isEqualTo(api.get("api/scheduler/jobs/" + id).data().getString("user_id"));
            assertThat(timer.getString("schedule_description")).isNotBlank();
            assertThat(timer.getBoolean("paused")).isFalse();
            var last = timer.getJsonObject("last_fire");
            assertThat(last.getString("status")).isIn("succeeded", "running");
            Instant due = Instant.parse(last.getString("scheduled_time"));
            assertThat(Instant.parse(last.getString("started_at"))).isAfterOrEqualTo(due);
            var execution = api.get("api/scheduler/executions/" + last.getString("execution_id"));
            assertThat(execution.status()).as(execution.text()).isEqualTo(200);
            assertThat(execution.data().getString("trigger")).isEqualTo("schedule");
            for (JsonValue lag : timer.getJsonArray("recent_lag_ms")) {
                assertThat(((jakarta.json.JsonNumber) lag).longValue()).isBetween(0L, 5_000L);
            }
            assertThat(timer.getJsonArray("recent_lag_ms").size()).isLessThanOrEqualTo(10);
        } finally {
            api.delete("api/scheduler/jobs/" + id);
        }
    }

    @Test
    void rearm_and_reconcile_answer_what_they_did_and_are_audited() {
        String id = create(EXAMPLE.replace("Test Job", "rearmed"));
        try {
            Instant armed = Instant.parse(timerOf(id).getString("armed_at"));
            var rearmed = api.post("api/scheduler/timers/" + id + "/rearm", null);
            assertThat(rearmed.status()).as(rearmed.text()).isEqualTo(200);
            var data = rearmed.data();
            assertThat(data.getString("job_id")).isEqualTo(id);
            String self = data.getJsonArray("instances").getString(0);
            assertThat(data.getJsonObject("timer").getString("instance")).isEqualTo(self);
            assertThat(Instant.parse(data.getJsonObject("timer").getString("armed_at"))).isAfterOrEqualTo(armed);
            assertThat(api.post("api/scheduler/timers/" + id + "/rearm?instance=all", null).status()).isEqualTo(200);
            assertThat(api.post("api/scheduler/timers/" + id + "/rearm?instance=" + self, null).status()).isEqualTo(200);
            assertThat(api.post("api/scheduler/timers/" + id + "/rearm?instance=6747a0f1e4b0a1b2c3d4e001", null).status())
                    .isEqualTo(404);
            assertThat(api.post("api/scheduler/timers/6747a0f1e4b0a1b2c3d4e5f6/rearm", null).status()).isEqualTo(404);

            var reconciled = api.post("api/scheduler/timers/reconcile", null);
            assertThat(reconciled.status()).as(reconciled.text()).isEqualTo(200);
            var report = reconciled.json().getJsonArray("data").getJsonObject(0);
            assertThat(report.getString("instance")).isEqualTo(self);
            assertThat(report.getBoolean("answered")).isTrue();
            assertThat(report.getJsonObject("found").getInt("missing")).isZero();
            assertThat(report.getJsonObject("repaired").getInt("armed")).isZero();
            assertThat(api.post("api/scheduler/timers/reconcile?instance=all", null).status()).isEqualTo(200);

            var audit = api.get("api/scheduler/audit?event=timer_rearmed&target_id=" + id).json().getJsonArray("data");
            assertThat(audit).hasSizeGreaterThanOrEqualTo(3);
            assertThat(audit.getJsonObject(0).getString("actor_name")).isEqualTo("admin");
            assertThat(api.get("api/scheduler/audit?event=timers_reconciled&target_type=instance").json()
                    .getJsonArray("data")).isNotEmpty();

            var drift = api.get("api/scheduler/timers?drift=true&instance=all").json();
            assertThat(drift.getJsonObject("drift").getString("instance")).isEqualTo(self);
            assertThat(drift.getJsonObject("drift").getString("source")).isEqualTo("live");
            assertThat(drift.getJsonArray("drifts")).isNotEmpty();
        } finally {
            api.delete("api/scheduler/jobs/" + id);
        }
    }

    @Test
    void the_timers_mbean_reads_and_acts_through_jmx_as_the_actor_jmx() throws Exception {
        String id = create(EXAMPLE.replace("Test Job", "over-jmx"));
        try (var jmx = ServerJmx.connect(timerOf(id).getString("instance"))) {
            var mbeans = jmx.connection();
            var name = new javax.management.ObjectName("io.texium.scheduler:type=Timers");
            assertThat((Integer) mbeans.getAttribute(name, "TimerCount")).isPositive();
            var rows = (javax.management.openmbean.CompositeData[]) mbeans.invoke(name, "timers",
                    new Object[] {1, 500}, new String[] {"int", "int"});
            var row = java.util.Arrays.stream(rows).filter(r -> id.equals(r.get("jobId"))).findFirst().orElseThrow();
            assertThat(row.get("jobName")).isEqualTo("over-jmx");
            assertThat(row.get("ownerName")).isEqualTo("admin");
            assertThat((String) row.get("scheduleDescription")).isNotBlank();
            var drift = (javax.management.openmbean.CompositeData) mbeans.getAttribute(name, "Drift");
            assertThat((String[]) drift.get("missing")).isEmpty();

            String[] one = {String.class.getName()};
            assertThat((String) mbeans.invoke(name, "suspend", new Object[] {id}, one)).contains("paused");
            assertThat(timerOf(id)).isNull();
            assertThat(api.get("api/scheduler/jobs/" + id).data().getBoolean("is_paused")).isTrue();
            mbeans.invoke(name, "activate", new Object[] {id}, one);
            assertThat(timerOf(id)).isNotNull();
            var rearmed = (javax.management.openmbean.CompositeData) mbeans.invoke(name, "rearm", new Object[] {id}, one);
            assertThat(rearmed.get("jobId")).isEqualTo(id);
            String execution = (String) mbeans.invoke(name, "trigger", new Object[] {id}, one);
            assertThat(api.get("api/scheduler/executions/" + execution).data().getString("trigger")).isEqualTo("manual");
            var reconciled = (javax.management.openmbean.CompositeData) mbeans.invoke(name, "reconcile", new Object[0],
                    new String[0]);
            assertThat(reconciled.get("foundMissing")).isEqualTo(0);
            var failure = org.assertj.core.api.Assertions.catchThrowable(() -> mbeans.invoke(name, "suspend",
                    new Object[] {"6747a1c2e4b0a1b2c3d4e5f6"}, one));
            assertThat(failure).hasStackTraceContaining("6747a1c2e4b0a1b2c3d4e5f6");

            var audit = api.get("api/scheduler/audit?actor=jmx&target_id=" + id).json().getJsonArray("data");
            Set<String> events = new HashSet<>();
            audit.forEach(v -> events.add(v.asJsonObject().getString("event")));
            assertThat(events).contains("paused", "resumed", "timer_rearmed", "custom_run");
            mbeans.invoke(name, "cancel", new Object[] {id}, one);
            assertThat(api.get("api/scheduler/jobs/" + id).status()).isEqualTo(404);
        } finally {
            api.delete("api/scheduler/jobs/" + id);
        }
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
