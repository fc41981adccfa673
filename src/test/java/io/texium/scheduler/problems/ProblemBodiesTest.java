package io.texium.scheduler.problems;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProblemBodiesTest {

    @ParameterizedTest
    @ValueSource(ints = {400, 406, 429, 500, 599})
    void an_error_without_a_body_gets_a_problem(int status) {
        var response = new FakeResponse(status, null);
        new ProblemBodies().filter(null, response.context());
        assertThat(response.mediaType).isEqualTo(ProblemBodies.PROBLEM);
        try (var reader = Json.createReader(new StringReader((String) response.entity))) {
            var problem = reader.readObject();
            assertThat(problem.getInt("status")).isEqualTo(status);
            assertThat(problem.getString("title")).isNotBlank();
        }
    }

    @Test
    void a_body_or_a_success_is_left_alone() {
        for (var response : new FakeResponse[] {new FakeResponse(400, "{\"status\": 400}"), new FakeResponse(204, null)}) {
            Object before = response.entity;
            new ProblemBodies().filter(null, response.context());
            assertThat(response.entity).isSameAs(before);
            assertThat(response.mediaType).isNull();
        }
    }

    /** The few calls the filter makes on a response context, recorded. */
    private static final class FakeResponse {
        final int status;
        Object entity;
        MediaType mediaType;

        FakeResponse(int status, Object entity) {
            this.status = status;
            this.entity = entity;
        }

        ContainerResponseContext context() {
            Map<String, java.util.function.Function<Object[], Object>> calls = new HashMap<>();
            calls.put("getStatus", args -> status);
            calls.put("hasEntity", args -> entity != null);
            calls.put("setEntity", args -> {
                entity = args[0];
                mediaType = (MediaType) args[2];
                return null;
            });
            return (ContainerResponseContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ContainerResponseContext.class}, (proxy, method, args) -> calls.get(method.getName()).apply(args));
        }
    }
}
