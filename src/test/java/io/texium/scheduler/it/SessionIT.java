package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console's sign-in over HTTP: a password buys a session token, which works as Bearer, renews into a fresh one
 * and dies at sign-out; a token cannot buy a session; the console's scripts are challenged with Bearer only.
 */
class SessionIT extends OnSharedServer {

    static final String PASSWORD = "session-password-0123";
    static final Map<String, String> SCRIPT = Map.of("X-Requested-With", "XMLHttpRequest");

    @Test
    void a_password_sign_in_answers_a_session_token_that_works_as_bearer() {
        String username = "session-" + System.nanoTime();
        String userId = api.createUser(username, PASSWORD);
        var reply = new Api(base).as(username, PASSWORD).post("api/session", null);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        var json = reply.json();
        Instant expires = Instant.parse(json.getString("expires_at"));
        assertSoftly(s -> {
            s.assertThat(json.getBoolean("success")).isTrue();
            s.assertThat(json.getString("token")).startsWith("txm_");
            s.assertThat(json.getJsonObject("user").getString("id")).isEqualTo(userId);
            s.assertThat(json.getJsonObject("user").getString("username")).isEqualTo(username);
            s.assertThat(json.getJsonObject("user").getBoolean("is_admin")).isFalse();
            s.assertThat(expires).isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
        });
        var session = new Api(base).withToken(json.getString("token"));
        var current = session.get("api/session");
        assertThat(current.status()).as(current.text()).isEqualTo(200);
        assertThat(current.data().getJsonObject("user").getString("id")).isEqualTo(userId);
        assertThat(Instant.parse(current.data().getString("expires_at"))).isEqualTo(expires);
        assertThat(session.get("api/scheduler/jobs").status()).isEqualTo(200);
        var byPassword = new Api(base).as(username, PASSWORD).get("api/session");
        assertThat(byPassword.data().isNull("expires_at")).as(byPassword.text()).isTrue();

        var tokens = api.get("api/users/" + userId + "/tokens").json().getJsonArray("data");
        assertThat(tokens).singleElement().satisfies(t -> assertThat(t.asJsonObject().getString("name")).isEqualTo("console session"));
        var audit = api.get("api/scheduler/audit?event=signed_in&page_size=500").text();
        assertThat(audit).contains(userId);
    }

    @Test
    void a_bearer_caller_cannot_open_a_session() {
        String username = "session-bearer-" + System.nanoTime();
        String userId = api.createUser(username, PASSWORD);
        var byPassword = new Api(base).as(username, PASSWORD);
        String session = byPassword.post("api/session", null).json().getString("token");
        String minted = byPassword.post("api/users/" + userId + "/tokens", "{\"name\": \"ci\"}").json().getString("token");
        for (String token : new String[] {session, minted}) {
            var reply = new Api(base).withToken(token).post("api/session", null);
            assertThat(reply.status()).as(reply.text()).isEqualTo(403);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        var renewMinted = new Api(base).withToken(minted).post("api/session/renew", null);
        assertThat(renewMinted.status()).as("a minted token is not a session's: " + renewMinted.text()).isEqualTo(403);
        assertThat(byPassword.post("api/session/renew", null).status()).isEqualTo(403);
        assertThat(byPassword.delete("api/session").status()).isEqualTo(403);
    }

    @Test
    void a_renewal_answers_a_fresh_token_and_revokes_the_old_one() {
        String username = "session-renew-" + System.nanoTime();
        api.createUser(username, PASSWORD);
        String first = new Api(base).as(username, PASSWORD).post("api/session", null).json().getString("token");
        var renewed = new Api(base).withToken(first).post("api/session/renew", null);
        assertThat(renewed.status()).as(renewed.text()).isEqualTo(201);
        String second = renewed.json().getString("token");
        assertThat(second).isNotEqualTo(first);
        assertThat(renewed.json().getJsonObject("user").getString("username")).isEqualTo(username);
        assertThat(new Api(base).withToken(first).get("api/session").status()).isEqualTo(401);
        assertThat(new Api(base).withToken(second).get("api/session").status()).isEqualTo(200);
    }

    @Test
    void a_sign_out_revokes_the_session_token() {
        String username = "session-out-" + System.nanoTime();
        String userId = api.createUser(username, PASSWORD);
        String token = new Api(base).as(username, PASSWORD).post("api/session", null).json().getString("token");
        var session = new Api(base).withToken(token);
        var out = session.delete("api/session");
        assertThat(out.status()).as(out.text()).isEqualTo(204);
        assertThat(session.get("api/scheduler/jobs").status()).isEqualTo(401);
        assertThat(session.delete("api/session").status()).isEqualTo(401);
        assertThat(api.get("api/scheduler/audit?event=signed_out&page_size=500").text()).contains(userId);
    }

    @Test
    void the_consoles_scripts_get_a_bearer_only_challenge() {
        var anonymous = new Api(base);
        var script = anonymous.send("GET", "api/scheduler/jobs", null, SCRIPT);
        assertThat(script.status()).isEqualTo(401);
        assertThat(script.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("WWW-Authenticate"))
                .flatMap(e -> e.getValue().stream()).toList()).containsExactly("Bearer realm=\"Texium Scheduler\"");
        var badToken = anonymous.withToken("txm_not-a-token").send("GET", "api/session", null, SCRIPT);
        assertThat(badToken.challenge()).isEqualTo("Bearer realm=\"Texium Scheduler\"");
        var wrongPassword = anonymous.as("session-nobody-" + System.nanoTime(), "wrong-password-x").send("POST", "api/session", null, SCRIPT);
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.challenge()).doesNotContain("Basic");
        assertThat(anonymous.get("api/scheduler/jobs").challenge()).contains("Basic").contains("Bearer");
    }
}
