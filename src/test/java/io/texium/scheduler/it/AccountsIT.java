package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Users, API tokens, servers and the audit log on Payara Micro: what a user and an admin would try. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccountsIT {

    static final String PASSWORD = "accounts-password-1";

    @ArquillianResource
    URL base;

    Api anonymous;
    Api admin;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @BeforeEach
    void clients() {
        anonymous = new Api(URI.create(base.toString()));
        admin = anonymous.asAdmin();
    }

    String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    @Test
    void users_are_validated_unique_and_never_show_a_password() {
        String name = unique("alice");
        var created = admin.post("api/users", """
                {"username": "%s", "email": "%s@Example.com", "full_name": "Alice", "password": "%s"}""".formatted(name, name, PASSWORD));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.location()).endsWith("/api/users/" + created.data().getString("id"));
        assertSoftly(s -> {
            s.assertThat(created.data().getString("role")).isEqualTo("user");
            s.assertThat(created.data().getBoolean("is_active")).isTrue();
            s.assertThat(created.data().getString("email")).isEqualTo(name.toLowerCase() + "@example.com");
            s.assertThat(created.text()).doesNotContainIgnoringCase("password").doesNotContain("PBKDF2");
        });
        var duplicate = admin.post("api/users", """
                {"username": "%s", "email": "other-%s@example.com", "password": "%s"}""".formatted(name, name, PASSWORD));
        assertThat(duplicate.status()).as(duplicate.text()).isEqualTo(409);
        assertThat(duplicate.json().getString("detail")).contains("username");
        var sameEmail = admin.post("api/users", """
                {"username": "%s-2", "email": "%s@example.com", "password": "%s"}""".formatted(name, name, PASSWORD));
        assertThat(sameEmail.status()).isEqualTo(409);
        assertThat(sameEmail.json().getString("detail")).contains("email");
        for (String bad : new String[] {
                "{\"username\": \"x\", \"email\": \"x@example.com\", \"password\": \"" + PASSWORD + "\"}",
                "{\"username\": \"bob-1\", \"email\": \"not-an-email\", \"password\": \"" + PASSWORD + "\"}",
                "{\"username\": \"bob-2\", \"email\": \"b2@example.com\", \"password\": \"short\"}",
                "{\"username\": \"bob-3\", \"email\": \"b3@example.com\", \"password\": \"" + PASSWORD + "\", \"role\": \"root\"}"}) {
            var reply = admin.post("api/users/", bad);
            assertThat(reply.status()).as(bad + " -> " + reply.text()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }

        var alice = anonymous.as(name, PASSWORD);
        String id = created.data().getString("id");
        var own = alice.put("api/users/" + id, "{\"full_name\": \"Alice B.\", \"password\": \"a-new-password-22\"}");
        assertThat(own.status()).as(own.text()).isEqualTo(200);
        assertThat(alice.get("api/users/" + id).status()).as("the old password no longer works").isEqualTo(401);
        var renewed = anonymous.as(name, "a-new-password-22");
        assertThat(renewed.get("api/users/").json().getJsonArray("data")).hasSize(1);

        assertThat(admin.put("api/users/" + id, "{\"is_active\": false}").status()).isEqualTo(200);
        var inactive = renewed.get("api/scheduler/jobs");
        assertThat(inactive.status()).as("an inactive user is refused").isEqualTo(401);
        assertThat(inactive.challenge()).contains("Basic");
    }

    @Test
    void api_tokens_are_shown_once_work_as_bearer_and_can_be_revoked() {
        String name = unique("tok");
        String id = admin.createUser(name, PASSWORD);
        var user = anonymous.as(name, PASSWORD);
        var created = user.post("api/users/" + id + "/tokens", "{\"name\": \"ci\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String secret = created.json().getString("token");
        String tokenId = created.data().getString("id");
        assertThat(secret).startsWith("txm_").hasSizeGreaterThan(40);

        var bearer = anonymous.withToken(secret);
        assertThat(bearer.get("api/scheduler/jobs").status()).isEqualTo(200);
        assertThat(bearer.get("api/users/" + id).data().getString("username")).isEqualTo(name);
        var listed = user.get("api/users/" + id + "/tokens");
        assertThat(listed.json().getJsonArray("data")).hasSize(1);
        assertThat(listed.text()).doesNotContain(secret).doesNotContain(secret.substring(4, 20));

        assertThat(bearer.post("api/users/" + id + "/tokens", "{\"name\": \"more\"}").status())
                .as("a token cannot mint tokens").isEqualTo(403);
        assertThat(bearer.put("api/users/" + id, "{\"password\": \"taken-over-password-9\"}").status())
                .as("a token cannot change the password").isEqualTo(403);
        assertThat(user.delete("api/users/" + id + "/tokens/" + tokenId).status()).isEqualTo(200);
        assertThat(bearer.get("api/scheduler/jobs").status()).as("a revoked token is refused").isEqualTo(401);
        assertThat(anonymous.withToken("txm_made-up").get("api/scheduler/jobs").status()).isEqualTo(401);

        var soon = user.post("api/users/" + id + "/tokens", "{\"name\": \"short\", \"expires_at\": \"" + Instant.now().plusSeconds(2) + "\"}");
        assertThat(soon.status()).as(soon.text()).isEqualTo(201);
        var expiring = anonymous.withToken(soon.json().getString("token"));
        assertThat(expiring.get("api/scheduler/jobs").status()).isEqualTo(200);
        var expired = expiring.await("api/scheduler/jobs", r -> r.status() == 401, Duration.ofSeconds(5));
        assertThat(expired.status()).as("an expired token is refused").isEqualTo(401);
        assertThat(user.post("api/users/" + id + "/tokens", "{\"name\": \"past\", \"expires_at\": \"2020-01-01T00:00:00Z\"}").status())
                .isEqualTo(400);
    }

    @Test
    void deleting_a_user_who_owns_things_needs_cascade() {
        String name = unique("owner");
        String id = admin.createUser(name, PASSWORD);
        var owner = anonymous.as(name, PASSWORD);
        String job = owner.post("api/scheduler/jobs", "{\"job_class_string\": \"jobs.echo.EchoJob\", \"name\": \"mine\", \"hour\": \"5\"}")
                .json().getString("job_id");
        var server = owner.post("api/servers/create", """
                {"name": "db", "check": {"type": "tcp", "host": "db1.internal", "port": 5432}, "tags": ["prod", "eu"]}""");
        assertThat(server.status()).as(server.text()).isEqualTo(201);
        assertSoftly(s -> {
            s.assertThat(server.data().getJsonObject("check").getInt("port")).isEqualTo(5432);
            s.assertThat(server.data().getJsonObject("check").getString("host")).isEqualTo("db1.internal");
            s.assertThat(server.data().getJsonArray("tags").getString(1)).isEqualTo("eu");
            s.assertThat(server.data().getString("status")).isEqualTo("unknown");
            s.assertThat(server.data().getString("user_id")).isEqualTo(id);
        });
        assertThat(owner.post("api/servers/", "{\"name\": \"web\", \"check\": {\"type\": \"http\", \"url\": \"ftp://x\"}}").status())
                .isEqualTo(400);
        assertThat(owner.get("api/servers/user/" + id).json().getInt("total")).isEqualTo(1);
        assertThat(timerIds()).contains(job);

        var refused = admin.delete("api/users/" + id);
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.json().getString("detail")).contains("1 job").contains("1 server");
        var cascaded = admin.delete("api/users/" + id + "?cascade=true");
        assertThat(cascaded.status()).as(cascaded.text()).isEqualTo(200);
        assertThat(admin.get("api/scheduler/jobs/" + job).status()).isEqualTo(404);
        assertThat(admin.get("api/servers/" + server.data().getString("id")).status()).isEqualTo(404);
        assertThat(timerIds()).doesNotContain(job);
        assertThat(owner.get("api/scheduler/jobs").status()).isEqualTo(401);
    }

    @Test
    void the_audit_log_records_changes_with_old_and_new_values_and_masks_secrets() {
        String name = unique("audited");
        String id = admin.createUser(name, PASSWORD);
        var user = anonymous.as(name, PASSWORD);
        String job = user.post("api/scheduler/jobs", "{\"job_class_string\": \"jobs.echo.EchoJob\", \"name\": \"a\", \"hour\": \"5\"}")
                .json().getString("job_id");
        user.put("api/scheduler/jobs/" + job, "{\"hour\": \"6\", \"name\": \"b\"}");
        user.patch("api/scheduler/jobs/" + job + "/pause");
        user.post("api/scheduler/jobs/" + job + "/run", null);

        var entries = user.get("api/scheduler/audit?job_id=" + job).json().getJsonArray("data");
        assertThat(entries.stream().map(e -> e.asJsonObject().getString("event")))
                .containsExactly("custom_run", "paused", "modified", "added");
        JsonObject modified = entries.getJsonObject(2);
        assertSoftly(s -> {
            s.assertThat(modified.getString("actor")).isEqualTo(id);
            s.assertThat(modified.getString("target_id")).isEqualTo(job);
            s.assertThat(modified.getJsonObject("changes").getJsonObject("hour").getString("old")).isEqualTo("5");
            s.assertThat(modified.getJsonObject("changes").getJsonObject("hour").getString("new")).isEqualTo("6");
            s.assertThat(modified.getJsonObject("changes").keySet()).containsExactlyInAnyOrder("hour", "name");
        });
        assertThat(user.put("api/users/" + id, "{\"password\": \"another-password-3\"}").status()).isEqualTo(200);
        var passwordChange = anonymous.as(name, "another-password-3")
                .get("api/scheduler/audit?event=user_modified").json().getJsonArray("data");
        assertThat(passwordChange).isNotEmpty();
        assertThat(passwordChange.toString()).doesNotContain("another-password-3").doesNotContain(PASSWORD).contains("***");

        String other = admin.createUser(unique("other"), PASSWORD);
        var visible = anonymous.as(name, "another-password-3").get("api/scheduler/audit?page_size=500").json().getJsonArray("data");
        assertThat(visible.stream().map(e -> e.asJsonObject().getString("owner_id"))).containsOnly(id);
        assertThat(admin.get("api/scheduler/audit?event=user_added&page_size=500").json().getJsonArray("data").stream()
                .map(e -> e.asJsonObject().getString("target_id"))).contains(other);
        assertThat(admin.get("api/scheduler/audit?event=nonsense").status()).isEqualTo(400);
    }

    @Test
    void a_deactivated_users_jobs_stop_firing_until_the_user_is_active_again() throws InterruptedException {
        String name = unique("away");
        String id = admin.createUser(name, PASSWORD);
        String job = anonymous.as(name, PASSWORD).post("api/scheduler/jobs",
                "{\"job_class_string\": \"jobs.echo.EchoJob\", \"name\": \"every second\", \"second\": \"*\"}")
                .json().getString("job_id");
        assertThat(timerIds()).contains(job);
        int userEntries = auditTotal("target_id=" + id);
        int jobEntries = auditTotal("job_id=" + job);

        assertThat(admin.put("api/users/" + id, "{\"is_active\": false}").status()).isEqualTo(200);
        assertThat(timerIds()).as("disarmed at once").doesNotContain(job);
        Thread.sleep(1_000); // fires claimed before the change may still finish
        int runs = executionTotal(job);
        Thread.sleep(2_500);
        assertThat(executionTotal(job)).as("no fire while the owner is inactive").isEqualTo(runs);
        assertThat(admin.put("api/scheduler/jobs/" + job, "{\"description\": \"edited meanwhile\"}").status()).isEqualTo(200);
        assertThat(timerIds()).as("an edit does not arm it either").doesNotContain(job);
        assertThat(auditTotal("target_id=" + id)).as("one entry for the user").isEqualTo(userEntries + 1);
        assertThat(auditTotal("job_id=" + job)).as("none for the job's timer").isEqualTo(jobEntries + 1);

        assertThat(admin.put("api/users/" + id, "{\"is_active\": true}").status()).isEqualTo(200);
        assertThat(timerIds()).as("armed again").contains(job);
        var ran = admin.await("api/scheduler/executions?job_id=" + job, r -> r.json().getInt("total") > runs, Duration.ofSeconds(5));
        assertThat(ran.json().getInt("total")).as("fires again").isGreaterThan(runs);
        admin.delete("api/scheduler/jobs/" + job);
    }

    @Test
    void an_admins_reset_of_a_users_password_revokes_their_tokens() {
        String name = unique("reset");
        String id = admin.createUser(name, PASSWORD);
        var user = anonymous.as(name, PASSWORD);
        var bearer = anonymous.withToken(user.post("api/users/" + id + "/tokens", "{\"name\": \"laptop\"}").json().getString("token"));
        assertThat(user.put("api/users/" + id, "{\"password\": \"my-own-new-password-1\"}").status()).isEqualTo(200);
        assertThat(bearer.get("api/scheduler/jobs").status()).as("one's own change keeps one's tokens").isEqualTo(200);

        assertThat(admin.put("api/users/" + id, "{\"password\": \"reset-by-admin-12\"}").status()).isEqualTo(200);
        assertThat(bearer.get("api/scheduler/jobs").status()).as("the reset revoked the token").isEqualTo(401);
        var revoked = admin.get("api/scheduler/audit?event=token_revoked&page_size=500").json().getJsonArray("data").stream()
                .map(JsonValue::asJsonObject).filter(e -> e.getString("owner_id").equals(id)).toList();
        assertThat(revoked).singleElement().satisfies(e -> assertThat(e.getString("actor_name")).isEqualTo("admin"));
        assertThat(anonymous.as(name, "reset-by-admin-12").get("api/users/" + id).status()).isEqualTo(200);
    }

    @Test
    void a_flood_of_failed_sign_ins_is_answered_503_while_signed_in_callers_go_on() throws Exception {
        assertThat(admin.get("api/scheduler/jobs").status()).as("the admin's password is checked and remembered").isEqualTo(200);
        // one hash at a time (arquillian.xml), each about 0.2 s, a turn awaited for 1 s: most of them get none; 20
        // different names stay below the failed sign-ins an address may make before it backs off (30 a minute)
        int flood = 20;
        var replies = new java.util.concurrent.ConcurrentLinkedQueue<Api.Reply>();
        var threads = new java.util.ArrayList<Thread>();
        for (int i = 0; i < flood; i++) {
            var guess = anonymous.as("nobody-" + i, "wrong-password-" + i);
            threads.add(Thread.ofVirtual().start(() -> replies.add(guess.get("api/scheduler/jobs"))));
        }
        var during = admin.get("api/scheduler/jobs");
        for (Thread t : threads) {
            t.join();
        }

        assertThat(during.status()).as("a remembered password costs no hash").isEqualTo(200);
        assertThat(replies).extracting(Api.Reply::status).containsOnly(401, 503).contains(401, 503);
        assertThat(replies).filteredOn(r -> r.status() == 503).allSatisfy(r -> {
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().getString("detail")).contains("too many password checks at once");
            assertThat(r.challenge()).isNull();
        });
        String name = unique("after");
        admin.createUser(name, PASSWORD);
        assertThat(anonymous.as(name, PASSWORD).get("api/scheduler/jobs").status()).as("served again").isEqualTo(200);
    }

    private int auditTotal(String filter) {
        return admin.get("api/scheduler/audit?page_size=1&" + filter).json().getInt("total");
    }

    private int executionTotal(String job) {
        return admin.get("api/scheduler/executions?page_size=1&job_id=" + job).json().getInt("total");
    }

    private java.util.Set<String> timerIds() {
        var ids = new java.util.HashSet<String>();
        for (JsonValue v : admin.get("api/scheduler/timers?page_size=500&drift=true").json().getJsonArray("data")) {
            ids.add(v.asJsonObject().getString("job_id"));
        }
        return ids;
    }
}
