package io.texium.scheduler.jobs.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.jobs.control.JobSchedule;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.JsonValues;
import io.texium.scheduler.platform.JsonbSettings;
import io.texium.scheduler.schedule.ScheduleSpec;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobViewTest {

    static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    static final String ID = "6b0c194b3f2b65e02e3b22d4";

    static JsonObject json(Job job) {
        var view = JobView.of(job, JobSchedule.of(job.schedule()), Map.of(ID, NOW.plusSeconds(300)), NOW,
                new JobView.Shown(job.pubArgs(), job.pubKwargs(), List.of()));
        return JsonValues.object(JsonbSettings.jsonb().toJson(view));
    }

    static Job job(ScheduleSpec schedule) {
        return new Job().id(ID).userId("u1").jobClassString("jobs.echo.EchoJob").name("n").schedule(schedule)
                .pubArgs(List.of()).pubKwargs(Map.of()).enabled(true).paused(false).createdAt(NOW).updatedAt(NOW);
    }

    @Test
    void shows_the_schedule_flat_under_its_api_names() {
        var schedule = new ScheduleSpec(null, null, "last", null, "mon-fri", "9-17", "*/5", null, "Europe/Berlin",
                "2026-12-01", null, null);
        var json = json(job(schedule));
        schedule.byName().forEach((name, value) -> {
            if (value == null) {
                assertThat(json.isNull(name)).as(name).isTrue();
            } else {
                assertThat(json.getString(name)).as(name).isEqualTo(value);
            }
        });
    }

    @Test
    void has_the_fields_of_the_original_service_and_its_warnings_and_no_others() {
        assertThat(json(job(ScheduleSpec.ofCron("0 9 * * *", "UTC"))).keySet()).containsExactlyInAnyOrder("id", "job_id",
                "user_id", "job_class_string", "name", "description", "year", "month", "day_of_month", "week",
                "day_of_week", "hour", "minute", "second", "cron", "timezone", "start_date", "end_date", "pub_args",
                "pub_kwargs", "notify", "max_retries", "retry_delay_seconds", "retry_backoff", "retry_max_delay_seconds",
                "timeout_seconds", "max_instances", "misfire_grace_seconds", "coalesce", "on_success", "on_failure",
                "is_enabled", "is_paused", "created_at", "updated_at", "last_run_time", "next_run_time",
                "total_executions", "warnings");
    }

    @Test
    void shows_the_run_policy_in_effect_with_every_default_applied() {
        var json = json(job(ScheduleSpec.ofCron("0 9 * * *", "UTC")));
        assertThat(json.getInt("max_retries")).isZero();
        assertThat(json.getJsonNumber("retry_delay_seconds").longValue()).isEqualTo(30);
        assertThat(json.getJsonNumber("retry_backoff").doubleValue()).isEqualTo(2.0);
        assertThat(json.getJsonNumber("retry_max_delay_seconds").longValue()).isEqualTo(3_600);
        assertThat(json.isNull("timeout_seconds")).as("no timeout").isTrue();
        assertThat(json.getInt("max_instances")).isEqualTo(1);
        assertThat(json.getJsonNumber("misfire_grace_seconds").longValue()).isEqualTo(3_600);
        assertThat(json.getBoolean("coalesce")).isTrue();
        assertThat(json.getJsonArray("on_success")).isEmpty();
        assertThat(json.getJsonArray("on_failure")).isEmpty();
    }

    @Test
    void shows_the_run_policy_fields_a_job_sets() {
        var set = json(job(ScheduleSpec.ofCron("0 9 * * *", "UTC")).maxRetries(3).retryDelaySeconds(5L).retryBackoff(1.5)
                .retryMaxDelaySeconds(60L).timeoutSeconds(600L).maxInstances(4).misfireGraceSeconds(0L).coalesce(false)
                .onSuccess(List.of("6b0c194b3f2b65e02e3b22d5")).onFailure(List.of("6b0c194b3f2b65e02e3b22d6")));
        assertThat(set.getInt("max_retries")).isEqualTo(3);
        assertThat(set.getJsonNumber("retry_backoff").doubleValue()).isEqualTo(1.5);
        assertThat(set.getJsonNumber("timeout_seconds").longValue()).isEqualTo(600);
        assertThat(set.getInt("max_instances")).isEqualTo(4);
        assertThat(set.getJsonNumber("misfire_grace_seconds").longValue()).isZero();
        assertThat(set.getBoolean("coalesce")).isFalse();
        assertThat(set.getJsonArray("on_success").getString(0)).isEqualTo("6b0c194b3f2b65e02e3b22d5");
        assertThat(set.getJsonArray("on_failure").getString(0)).isEqualTo("6b0c194b3f2b65e02e3b22d6");
    }

    @Test
    void the_next_run_of_an_exact_timer_is_its_live_timeout() {
        assertThat(json(job(ScheduleSpec.ofFields(null, null, null, null, null, null, "*/5", null, "UTC")))
                .getString("next_run_time")).isEqualTo("2026-11-30T10:05:00Z");
    }
}
