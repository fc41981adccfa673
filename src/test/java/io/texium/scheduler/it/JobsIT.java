package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Jobs through the API on the shared server: the README's example with its timer and location, lists with filters
 * and pages, and the available job classes.
 */
class JobsIT extends OnSharedServer {

    @Test
    void the_readme_example_creates_a_job_with_a_timer_and_a_location() {
        var reply = api.post("api/scheduler/jobs", EXAMPLE);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        var json = reply.json();
        String id = json.getString("job_id");
        assertSoftly(s -> {
            s.assertThat(json.getBoolean("success")).isTrue();
            s.assertThat(reply.location()).endsWith("/api/scheduler/jobs/" + id);
            s.assertThat(json.getJsonObject("data").getString("name")).isEqualTo("Test Job");
            s.assertThat(json.getJsonObject("data").getString("minute")).isEqualTo("*/5");
            s.assertThat(json.getJsonObject("data").getString("timezone")).isEqualTo("UTC");
            s.assertThat(json.getJsonObject("data").getBoolean("is_enabled")).isTrue();
            s.assertThat(json.getJsonObject("data").getJsonArray("pub_args").getString(0)).isEqualTo("Hello");
        });
        Instant next = Instant.parse(json.getJsonObject("data").getString("next_run_time"));
        assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofMinutes(5)).plusSeconds(1));
        assertThat(next.getEpochSecond() % 300).as("fires at second 0 of every fifth minute").isZero();

        var timer = timerOf(id);
        assertThat(timer).as("timer of " + id).isNotNull();
        assertSoftly(s -> {
            s.assertThat(timer.getJsonObject("expression").getString("minute")).isEqualTo("0,5,10,15,20,25,30,35,40,45,50,55");
            s.assertThat(timer.getJsonObject("expression").getString("second")).isEqualTo("0");
            s.assertThat(timer.getString("timezone")).isEqualTo("UTC");
            s.assertThat(timer.getBoolean("persistent")).isFalse();
            s.assertThat(timer.getString("job_name")).isEqualTo("Test Job");
            s.assertThat(Instant.parse(timer.getString("next_timeout"))).isEqualTo(next);
        });

        var got = api.get("api/scheduler/jobs/" + id);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.data().getString("job_id")).isEqualTo(id);
        api.delete("api/scheduler/jobs/" + id);
    }

    @Test
    void lists_filter_and_page() {
        String user = newUser("list");
        String x = create(forUser(user, EXAMPLE.replace("Test Job", "x")));
        String y = create(forUser(user, EXAMPLE.replace("Test Job", "y")));
        api.put("api/scheduler/jobs/" + y, "{\"is_enabled\": false}");

        var page1 = api.get("api/scheduler/jobs?user_id=" + user + "&page_size=1").json();
        assertSoftly(s -> {
            s.assertThat(page1.getInt("total")).isEqualTo(2);
            s.assertThat(page1.getInt("page")).isEqualTo(1);
            s.assertThat(page1.getInt("page_size")).isEqualTo(1);
            s.assertThat(page1.getJsonArray("data")).hasSize(1);
        });
        var page2 = api.get("api/scheduler/jobs?user_id=" + user + "&page_size=1&page=2").json();
        assertThat(page2.getJsonArray("data").getJsonObject(0).getString("id"))
                .isNotEqualTo(page1.getJsonArray("data").getJsonObject(0).getString("id"));
        assertThat(ids(api.get("api/scheduler/jobs?user_id=" + user + "&is_enabled=true").json())).containsExactly(x);
        assertThat(ids(api.get("api/scheduler/jobs?name=y&user_id=" + user).json())).containsExactly(y);
        api.patch("api/scheduler/jobs/" + x + "/pause");
        assertThat(ids(api.get("api/scheduler/jobs?is_paused=true&user_id=" + user).json())).containsExactly(x);
        assertThat(ids(api.get("api/scheduler/jobs?search=Y&user_id=" + user).json())).containsExactly(y);
        assertThat(api.get("api/scheduler/jobs?search=" + "a".repeat(101)).status()).isEqualTo(400);
        assertThat(ids(api.get("api/scheduler/users/" + user + "/jobs").json())).containsExactlyInAnyOrder(x, y);

        var classes = api.get("api/scheduler/available-jobs").json().getJsonArray("data");
        assertThat(classes.stream().map(v -> v.asJsonObject().getString("job_class_string")))
                .contains("jobs.echo.EchoJob");
        api.delete("api/scheduler/jobs/" + x);
        api.delete("api/scheduler/jobs/" + y);
    }

    private static List<String> ids(JsonObject list) {
        return list.getJsonArray("data").stream().map(v -> ((JsonString) v.asJsonObject().get("id")).getString()).toList();
    }

    @Test
    void a_change_racing_a_pause_never_undoes_it() throws Exception {
        String id = create(EXAMPLE.replace("Test Job", "race"));
        String job = "api/scheduler/jobs/" + id;
        var pool = Executors.newFixedThreadPool(2);
        int lost = 0;
        try {
            for (int round = 0; round < 100; round++) {
                assertThat(api.patch(job + "/resume").status()).isEqualTo(200);
                String body = "{\"description\": \"round " + round + "\"}";
                var change = pool.submit(() -> api.put(job, body));
                var pause = pool.submit(() -> api.patch(job + "/pause"));
                assertThat(change.get().status()).as(change.get().text()).isEqualTo(200);
                assertThat(pause.get().status()).as(pause.get().text()).isEqualTo(200);
                if (!api.get(job).data().getBoolean("is_paused")) {
                    lost++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(lost).as("acknowledged pauses undone by a change racing them").isZero();
        assertThat(timerOf(id)).as("a paused job has no timer").isNull();
        api.delete(job);
    }

    @Test
    void if_match_makes_a_write_conditional_on_the_version_read() {
        String id = create(EXAMPLE.replace("Test Job", "etag"));
        String job = "api/scheduler/jobs/" + id;
        String read = api.get(job).header("ETag");
        assertThat(read).matches("\"\\d+\"");

        var changed = api.send("PUT", job, "{\"description\": \"first\"}", Map.of("If-Match", read));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        String now = changed.header("ETag");
        assertThat(now).isNotEqualTo(read).isEqualTo(api.get(job).header("ETag"));

        var stale = api.send("PUT", job, "{\"description\": \"second\"}", Map.of("If-Match", read));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(api.send("PATCH", job + "/pause", null, Map.of("If-Match", read)).status()).isEqualTo(412);
        assertThat(api.send("DELETE", job, null, Map.of("If-Match", "W/" + now)).status()).as("weak tags never match").isEqualTo(412);
        assertThat(api.get(job).data().getString("description")).isEqualTo("first");
        assertThat(api.get(job).data().getBoolean("is_paused")).isFalse();

        assertThat(api.send("DELETE", job, null, Map.of("If-Match", now)).status()).isEqualTo(200);
        assertThat(api.get(job).status()).isEqualTo(404);
    }
}
