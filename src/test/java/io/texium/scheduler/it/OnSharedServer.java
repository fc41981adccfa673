package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the API tests by feature share: the one {@link SharedServer}, an admin's client, the README's job, and the
 * helpers more than one of them uses.
 */
@ExtendWith(SharedServer.class)
abstract class OnSharedServer {

    static final String EXAMPLE = """
            {"job_class_string": "jobs.echo.EchoJob", "name": "Test Job",
             "minute": "*/5", "pub_args": ["Hello", "World"]}""";

    URI base;

    Api api;

    @BeforeEach
    void client(URI base) {
        this.base = base;
        api = new Api(base).asAdmin();
    }

    String create(String body) {
        var reply = api.post("api/scheduler/jobs", body);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().getString("job_id");
    }

    String newUser(String prefix) {
        return api.createUser("api-" + prefix + "-" + System.nanoTime(), "api-test-password-1");
    }

    static String forUser(String userId, String body) {
        return body.replaceFirst("\\{", "{\"user_id\": \"" + userId + "\", ");
    }

    JsonObject timerOf(String jobId) {
        for (JsonValue v : api.get("api/scheduler/timers?page_size=500&drift=true").json().getJsonArray("data")) {
            if (jobId.equals(v.asJsonObject().getString("job_id"))) {
                return v.asJsonObject();
            }
        }
        return null;
    }
}
