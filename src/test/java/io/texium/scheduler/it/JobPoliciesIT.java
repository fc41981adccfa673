package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A job's run policy fields and chains through the API on the shared server: the fields round-trip with their
 * defaults shown, bad values are a 400 naming the field, a chain may name only jobs the owner can see and make no
 * cycle, and a deleted job (or a deleted user's jobs) leaves every chain.
 */
class JobPoliciesIT extends OnSharedServer {

    static final String PASSWORD = "api-test-password-1";

    String job(String name, String extra) {
        return create("""
                {"job_class_string": "jobs.echo.EchoJob", "name": "%s", "minute": "*/5"%s}""".formatted(name, extra));
    }

    static List<String> ids(JsonObject job, String field) {
        return job.getJsonArray(field).getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                .toList();
    }

    /** The problems of a 400 problem+json answer, as "field: message". */
    static List<String> problems(Api.Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        return reply.json().getJsonArray("errors").stream().map(JsonObject.class::cast)
                .map(e -> e.getString("field") + ": " + e.getString("message")).toList();
    }

    @Test
    void the_fields_round_trip_with_the_defaults_shown_and_null_resets_one() {
        String id = job("policies", "");
        var shown = api.get("api/scheduler/jobs/" + id).data();
        assertSoftly(s -> {
            s.assertThat(shown.getInt("max_retries")).isZero();
            s.assertThat(shown.getInt("retry_delay_seconds")).isEqualTo(30);
            s.assertThat(shown.getJsonNumber("retry_backoff").doubleValue()).isEqualTo(2.0);
            s.assertThat(shown.getInt("retry_max_delay_seconds")).isEqualTo(3_600);
            s.assertThat(shown.isNull("timeout_seconds")).isTrue();
            s.assertThat(shown.getInt("max_instances")).isEqualTo(1);
            s.assertThat(shown.getInt("misfire_grace_seconds")).isEqualTo(3_600);
            s.assertThat(shown.getBoolean("coalesce")).isTrue();
            s.assertThat(shown.getJsonArray("on_success")).isEmpty();
            s.assertThat(shown.getJsonArray("on_failure")).isEmpty();
        });
        String next = job("next", "");
        var changed = api.put("api/scheduler/jobs/" + id, """
                {"max_retries": 3, "retry_delay_seconds": 10, "retry_backoff": 1.5, "retry_max_delay_seconds": 120,
                 "timeout_seconds": 600, "max_instances": 2, "misfire_grace_seconds": 0, "coalesce": false,
                 "on_success": ["%s"], "on_failure": ["%s"]}""".formatted(next, next));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        var got = api.get("api/scheduler/jobs/" + id).data();
        assertSoftly(s -> {
            s.assertThat(got.getInt("max_retries")).isEqualTo(3);
            s.assertThat(got.getInt("retry_delay_seconds")).isEqualTo(10);
            s.assertThat(got.getJsonNumber("retry_backoff").doubleValue()).isEqualTo(1.5);
            s.assertThat(got.getInt("retry_max_delay_seconds")).isEqualTo(120);
            s.assertThat(got.getInt("timeout_seconds")).isEqualTo(600);
            s.assertThat(got.getInt("max_instances")).isEqualTo(2);
            s.assertThat(got.getInt("misfire_grace_seconds")).isZero();
            s.assertThat(got.getBoolean("coalesce")).isFalse();
            s.assertThat(ids(got, "on_success")).containsExactly(next);
            s.assertThat(ids(got, "on_failure")).containsExactly(next);
        });
        var audit = api.get("api/scheduler/audit?job_id=" + id).json().getJsonArray("data").stream().map(JsonObject.class::cast)
                .filter(e -> "modified".equals(e.getString("event"))).findFirst().orElseThrow();
        assertThat(audit.toString()).contains("max_retries", "on_success", next);

        var reset = api.put("api/scheduler/jobs/" + id, "{\"max_retries\": null, \"timeout_seconds\": null, \"on_failure\": null}");
        assertThat(reset.status()).as(reset.text()).isEqualTo(200);
        assertThat(reset.data().getInt("max_retries")).isZero();
        assertThat(reset.data().isNull("timeout_seconds")).isTrue();
        assertThat(reset.data().getJsonArray("on_failure")).isEmpty();
        assertThat(reset.data().getInt("max_instances")).as("left alone").isEqualTo(2);
        api.delete("api/scheduler/jobs/" + id);
        api.delete("api/scheduler/jobs/" + next);
    }

    @Test
    void bad_values_are_a_400_naming_the_field_and_save_nothing() {
        String id = job("bad values", "");
        String other = job("bad values target", "");
        assertThat(problems(api.put("api/scheduler/jobs/" + id, "{\"retry_backoff\": 11}")))
                .containsExactly("retry_backoff: must be a number from 1 to 10");
        assertThat(problems(api.put("api/scheduler/jobs/" + id, "{\"max_retries\": \"3\", \"timeout_seconds\": 0}")))
                .containsExactlyInAnyOrder("max_retries: must be an integer from 0 to 100, or null for the default",
                        "timeout_seconds: must be an integer from 1 to 604,800");
        assertThat(problems(api.put("api/scheduler/jobs/" + id, """
                {"retry_delay_seconds": 600, "retry_max_delay_seconds": 60, "on_success": ["%s", "%s"]}""".formatted(other, id))))
                .containsExactlyInAnyOrder(
                        "retry_max_delay_seconds: must be at least retry_delay_seconds (600), the delay before the first retry",
                        "on_success[1]: is this job itself; a job cannot chain to itself");
        assertThat(problems(api.put("api/scheduler/jobs/" + id, "{\"on_success\": [\"%s\", \"%s\", \"000000000000000000000000\"]}"
                .formatted(other, other))))
                .containsExactlyInAnyOrder("on_success[1]: names the same job as on_success[0]",
                        "on_success[2]: '000000000000000000000000' is not a job the owner of this job can see");
        var unchanged = api.get("api/scheduler/jobs/" + id).data();
        assertThat(unchanged.getInt("max_retries")).isZero();
        assertThat(unchanged.getJsonArray("on_success")).isEmpty();
        api.delete("api/scheduler/jobs/" + id);
        api.delete("api/scheduler/jobs/" + other);
    }

    @Test
    void a_cycle_is_refused_naming_it() {
        String nightly = job("nightly", "");
        String report = job("report", ", \"on_success\": [\"%s\"]".formatted(nightly));
        var refused = api.put("api/scheduler/jobs/" + nightly, "{\"on_failure\": [\"%s\"]}".formatted(report));
        assertThat(problems(refused)).containsExactly("on_failure: would make a cycle: nightly (%s) → report (%s) → nightly (%s)"
                .formatted(nightly, report, nightly));
        assertThat(api.get("api/scheduler/jobs/" + nightly).data().getJsonArray("on_failure")).isEmpty();
        api.delete("api/scheduler/jobs/" + report);
        api.delete("api/scheduler/jobs/" + nightly);
    }

    @Test
    void a_chain_names_only_jobs_the_owner_can_see() {
        String alice = newUser("chain-alice");
        String bob = newUser("chain-bob");
        String bobs = create(forUser(bob, EXAMPLE));
        String alices = create(forUser(alice, EXAMPLE));
        String adminsJob = job("admin's", "");
        String aliceName = api.get("api/users/" + alice).data().getString("username");
        var asAlice = new Api(base).as(aliceName, PASSWORD);

        String expected = "on_success[0]: '%s' is not a job the owner of this job can see";
        assertThat(problems(asAlice.put("api/scheduler/jobs/" + alices, "{\"on_success\": [\"%s\"]}".formatted(bobs))))
                .containsExactly(expected.formatted(bobs));
        assertThat(problems(asAlice.put("api/scheduler/jobs/" + alices, "{\"on_success\": [\"%s\"]}".formatted(adminsJob))))
                .containsExactly(expected.formatted(adminsJob));
        assertThat(problems(api.put("api/scheduler/jobs/" + alices, "{\"on_success\": [\"%s\"]}".formatted(bobs))))
                .as("an admin changing alice's job: the owner's sight counts, not the caller's")
                .containsExactly(expected.formatted(bobs));
        assertThat(api.put("api/scheduler/jobs/" + adminsJob, "{\"on_success\": [\"%s\", \"%s\"]}".formatted(bobs, alices))
                .status()).as("an admin's job may chain to any job").isEqualTo(200);
        String alices2 = create(forUser(alice, EXAMPLE.replace("Test Job", "second")));
        assertThat(asAlice.put("api/scheduler/jobs/" + alices, "{\"on_success\": [\"%s\"]}".formatted(alices2)).status())
                .isEqualTo(200);

        // deleting alice with her jobs takes them out of the admin's chain
        long before = version(adminsJob);
        assertThat(api.delete("api/users/" + alice + "?cascade=true").status()).isEqualTo(200);
        var admins = api.get("api/scheduler/jobs/" + adminsJob);
        assertThat(ids(admins.data(), "on_success")).containsExactly(bobs);
        assertThat(version(adminsJob)).isGreaterThan(before);
        api.delete("api/users/" + bob + "?cascade=true");
        assertThat(api.get("api/scheduler/jobs/" + adminsJob).data().getJsonArray("on_success")).isEmpty();
        api.delete("api/scheduler/jobs/" + adminsJob);
    }

    @Test
    void deleting_a_job_removes_it_from_other_jobs_chains() {
        String report = job("chained report", "");
        String kept = job("chained kept", "");
        String nightly = job("chaining nightly", ", \"on_success\": [\"%s\", \"%s\"], \"on_failure\": [\"%s\"]"
                .formatted(report, kept, report));
        long before = version(nightly);
        assertThat(api.delete("api/scheduler/jobs/" + report).status()).isEqualTo(200);
        var after = api.get("api/scheduler/jobs/" + nightly);
        assertThat(ids(after.data(), "on_success")).containsExactly(kept);
        assertThat(after.data().getJsonArray("on_failure")).isEmpty();
        assertThat(version(nightly)).as("the change raised the version (the ETag)").isGreaterThan(before);
        var stale = api.send("PUT", "api/scheduler/jobs/" + nightly, "{\"name\": \"stale\"}",
                Map.of("If-Match", "\"" + before + "\""));
        assertThat(stale.status()).as("a client holding the version from before the delete must read again").isEqualTo(412);
        api.delete("api/scheduler/jobs/" + nightly);
        api.delete("api/scheduler/jobs/" + kept);
    }

    long version(String jobId) {
        String etag = api.get("api/scheduler/jobs/" + jobId).header("ETag");
        return Long.parseLong(etag.replaceAll("[^0-9]", ""));
    }
}
