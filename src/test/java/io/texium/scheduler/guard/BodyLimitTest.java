package io.texium.scheduler.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.texium.scheduler.platform.Fakes;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BodyLimitTest {

    final BodyLimit cut = new BodyLimit();

    {
        cut.maxBytes = 1024;
    }

    /** A request with this body; {@code announced} false sends it chunked, without Content-Length. */
    static HttpServletRequest request(String contentType, byte[] body, boolean announced) {
        Map<String, Function<Object[], Object>> methods = new HashMap<>();
        methods.put("getContentLengthLong", args -> announced ? (long) body.length : -1L);
        methods.put("getContentType", args -> contentType);
        methods.put("getProtocol", args -> "HTTP/1.1");
        methods.put("getHeader", args -> !announced && "Transfer-Encoding".equalsIgnoreCase((String) args[0]) ? "chunked" : null);
        methods.put("getInputStream", args -> new BodyLimit.MemoryInput(body));
        return Fakes.of(HttpServletRequest.class, methods);
    }

    static byte[] bytes(int n) {
        return "x".repeat(n).getBytes(StandardCharsets.US_ASCII);
    }

    Refusal refusal(HttpServletRequest request) {
        return catchThrowableOfType(Refusal.class, () -> cut.admit(request));
    }

    @Test
    void a_body_announced_over_the_limit_is_refused_before_it_is_read() {
        Refusal refused = refusal(request("application/json", bytes(1025), true));
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.getMessage()).contains("1024 bytes");
        assertThat(refused.headers()).containsEntry("Connection", "close");
    }

    @Test
    void a_streamed_body_over_the_limit_is_refused() {
        assertThat(refusal(request("application/json", bytes(5000), false)).status()).isEqualTo(413);
    }

    @Test
    void a_body_at_the_limit_passes_as_sent() throws Exception {
        var request = request("application/json", bytes(1024), true);
        assertThat(cut.admit(request)).isSameAs(request);
    }

    @Test
    void a_streamed_body_within_the_limit_is_passed_on_from_memory() throws Exception {
        String json = "{\"name\": \"Grüße\"}";
        var admitted = cut.admit(request("application/json; charset=UTF-8", json.getBytes(StandardCharsets.UTF_8), false));
        assertThat(admitted.getContentLengthLong()).isEqualTo(json.getBytes(StandardCharsets.UTF_8).length);
        assertThat(admitted.getReader().readLine()).isEqualTo(json);
        assertThat(new String(admitted.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=utf-7", "application/json;charset=\"x-no-such\"",
            "application/json; Charset=??", "text/plain; charset=utf-7; format=flowed"})
    void a_charset_this_server_cannot_decode_is_unsupported_media(String contentType) {
        Refusal refused = refusal(request(contentType, bytes(10), true));
        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.getMessage()).contains("UTF-8");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"application/json", "application/json; charset=utf-8", "application/json;charset=\"UTF-8\"",
            "application/json; charset=ISO-8859-1", "text/plain; format=flowed"})
    void a_decodable_charset_or_none_passes(String contentType) throws Refusal {
        var request = request(contentType, bytes(10), true);
        assertThat(cut.admit(request)).isSameAs(request);
    }

    @Test
    void a_request_without_a_body_is_not_looked_at() throws Refusal, IOException {
        var request = request("application/json; charset=utf-7", new byte[0], true);
        assertThat(cut.admit(request)).isSameAs(request);
    }
}
