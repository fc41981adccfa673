package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Schedules in the container: the preview endpoint, live timers agreeing with the engine, and the guard. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SchedulesIT {

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

    @Test
    void preview_lists_the_next_times_with_the_zone_offset() {
        var reply = api.post("api/scheduler/schedules/preview", """
                {"minute": "*/5", "hour": "9-17", "day_of_week": "mon-fri", "timezone": "America/New_York",
                 "after": "2026-11-27T14:00:00Z", "count": 3}""");
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        var data = reply.data();
        assertThat(strings(data, "next_run_times"))
                .containsExactly("2026-11-27T09:05:00-05:00", "2026-11-27T09:10:00-05:00", "2026-11-27T09:15:00-05:00");
        assertThat(data.getString("description")).isNotBlank();
        assertThat(data.getJsonObject("fields").getString("day_of_week")).isEqualTo("mon-fri");
    }

    @Test
    void preview_of_a_crontab_line_uses_sunday_zero_and_stops_at_the_end_date() {
        var sunday = api.post("api/scheduler/schedules/preview", """
                {"cron": "30 6 * * 0", "after": "2026-11-28T00:00:00Z", "count": 2}""").data();
        assertThat(strings(sunday, "next_run_times")).containsExactly("2026-11-29T06:30:00Z", "2026-12-06T06:30:00Z");

        var ending = api.post("api/scheduler/schedules/preview", """
                {"hour": "0", "end_date": "2026-12-01T12:00:00Z", "after": "2026-11-28T00:00:00Z", "count": 10}""").data();
        assertThat(strings(ending, "next_run_times"))
                .containsExactly("2026-11-29T00:00:00Z", "2026-11-30T00:00:00Z", "2026-12-01T00:00:00Z");
    }

    @Test
    void preview_refuses_bad_input_in_the_words_of_the_job_endpoints() {
        String[][] cases = {
                {"{\"minute\": \"60\"}", "minute"},
                {"{\"minute\": \"5\", \"count\": 0}", "count"},
                {"{\"minute\": \"5\", \"count\": 101}", "count"},
                {"{\"minute\": \"5\", \"after\": \"soon\"}", "after"},
                {"{\"minute\": \"5\", \"timezone\": \"Mars/Olympus\"}", "timezone"},
                {"{\"minute\": \"5\", \"name\": \"x\"}", "name"},
                {"{\"day_of_week\": \"mno\"}", "day_of_week"},
                {"{}", "cron"},
                {"{\"day_of_month\": \"30\", \"month\": \"feb\"}", null}};
        for (String[] c : cases) {
            var reply = api.post("api/scheduler/schedules/preview", c[0]);
            assertThat(reply.status()).as(c[0] + " -> " + reply.text()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            if (c[1] != null) {
                assertThat(reply.json().getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")))
                        .as(reply.text()).contains(c[1]);
            }
            var job = api.post("api/scheduler/jobs", c[0].replace("{", "{\"job_class_string\": \"jobs.echo.EchoJob\", \"name\": \"p\", ")
                    .replace(", }", "}"));
            if (!List.of("count", "after", "name").contains(String.valueOf(c[1]))) {
                assertThat(job.status()).isEqualTo(400);
                assertThat(job.json().getJsonArray("errors")).isEqualTo(reply.json().getJsonArray("errors"));
            }
        }
    }

    @Test
    void live_timers_agree_with_the_schedule_engine() {
        List<String> schedules = List.of(
                "\"minute\": \"*/7\", \"second\": \"30\"",
                "\"hour\": \"9-17/2\", \"minute\": \"15\", \"timezone\": \"Asia/Kolkata\"",
                "\"day\": \"last\", \"hour\": \"23\", \"timezone\": \"Australia/Lord_Howe\"",
                "\"day\": \"1st mon\", \"hour\": \"6\"",
                "\"day\": \"last fri\", \"hour\": \"18\", \"timezone\": \"Europe/Berlin\"",
                "\"day_of_week\": \"0\", \"hour\": \"8\", \"timezone\": \"America/New_York\"",
                "\"day_of_week\": \"sat,sun\", \"hour\": \"22\", \"minute\": \"45\"",
                "\"month\": \"feb\", \"day\": \"29\", \"hour\": \"12\"",
                "\"month\": \"1-12/3\", \"day\": \"1-7/3\", \"hour\": \"4\"",
                "\"year\": \"2027-2031/2\", \"month\": \"6\"",
                "\"cron\": \"0 9 * * 1-5\", \"timezone\": \"America/Chicago\"",
                "\"cron\": \"@monthly\"",
                "\"cron\": \"15 */6 1,15 * *\"",
                "\"week\": \"10\", \"hour\": \"5\"",
                "\"day\": \"5th wed\", \"hour\": \"7\"",
                "\"day\": \"13\", \"day_of_week\": \"fri\"");
        List<String> ids = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        for (String schedule : schedules) {
            var created = api.post("api/scheduler/jobs",
                    "{\"job_class_string\": \"jobs.echo.EchoJob\", \"name\": \"agree\", " + schedule + "}");
            assertThat(created.status()).as(schedule + " -> " + created.text()).isEqualTo(201);
            String id = created.json().getString("job_id");
            ids.add(id);
            var timer = timerOf(id);
            Instant next = Instant.parse(timer.getString("next_timeout"));
            var preview = api.post("api/scheduler/schedules/preview", "{" + schedule + ", \"after\": \""
                    + Instant.now().minusSeconds(1) + "\", \"count\": 1}").data();
            Instant engine = java.time.OffsetDateTime.parse(strings(preview, "next_run_times").get(0)).toInstant();
            boolean exact = timer.getBoolean("exact");
            if (exact ? !next.equals(engine) : next.isAfter(engine)) {
                mismatches.add(schedule + ": timer " + next + ", engine " + engine + ", exact " + exact);
            }
        }
        ids.forEach(id -> api.delete("api/scheduler/jobs/" + id));
        assertThat(mismatches).isEmpty();
    }

    @Test
    void a_timer_wider_than_its_schedule_records_only_the_fires_the_schedule_contains() {
        var now = Instant.now().atOffset(ZoneOffset.UTC);
        int thisWeek = now.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        int otherWeek = thisWeek >= 50 ? 1 : thisWeek + 2;
        String skipped = api.post("api/scheduler/jobs", """
                {"job_class_string": "jobs.echo.EchoJob", "name": "other week", "week": "%d", "second": "*"}"""
                .formatted(otherWeek)).json().getString("job_id");
        String fired = api.post("api/scheduler/jobs", """
                {"job_class_string": "jobs.echo.EchoJob", "name": "this week", "week": "%d", "second": "*"}"""
                .formatted(thisWeek)).json().getString("job_id");
        try {
            assertThat(timerOf(skipped).getBoolean("exact")).isFalse();
            assertThat(timerOf(skipped).getJsonObject("expression").getString("second")).isEqualTo("*");

            var reply = api.await("api/scheduler/executions?job_id=" + fired, r -> r.json().getInt("total") >= 2, Duration.ofSeconds(6));
            assertThat(reply.json().getInt("total")).as("the guard lets this week's fires through").isGreaterThanOrEqualTo(2);
            assertThat(api.get("api/scheduler/executions?job_id=" + skipped).json().getInt("total"))
                    .as("fires outside the schedule's week leave no execution").isZero();
            var job = api.get("api/scheduler/jobs/" + skipped).data();
            assertThat(Instant.parse(job.getString("next_run_time")))
                    .as("a widened timer's job shows the schedule's own next run, not the timer's next second")
                    .isAfter(Instant.now().plus(Duration.ofHours(1)));
        } finally {
            api.delete("api/scheduler/jobs/" + skipped);
            api.delete("api/scheduler/jobs/" + fired);
        }
    }

    private JsonObject timerOf(String jobId) {
        for (var v : api.get("api/scheduler/timers?page_size=500&drift=true").json().getJsonArray("data")) {
            if (jobId.equals(v.asJsonObject().getString("job_id"))) {
                return v.asJsonObject();
            }
        }
        throw new AssertionError("no timer for job " + jobId);
    }

    private static List<String> strings(JsonObject data, String key) {
        return data.getJsonArray(key).stream().map(v -> ((JsonString) v).getString()).toList();
    }
}
