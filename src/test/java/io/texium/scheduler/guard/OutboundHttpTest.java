package io.texium.scheduler.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.platform.LocalHttp;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pinned client against a real local HTTP server; the server is loopback, so most tests allow 127.0.0.1. */
class OutboundHttpTest {

    final LocalHttp server = new LocalHttp();
    final OutboundHttp cut = OutboundHttp.through(OutboundAddresses.allowing("127.0.0.1"));

    @AfterEach
    void stop() {
        server.close();
    }

    OutboundHttp.Response get(OutboundHttp client, String url) throws IOException {
        return client.send(new OutboundHttp.Request("GET", URI.create(url), Map.of(), null, Duration.ofSeconds(5), 65536, 5));
    }

    @Test
    void an_allowed_address_is_called_with_its_host_header_and_answers() throws IOException {
        var answer = get(cut, server.url("/ok?x=1"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
        assertThat(answer.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(answer.truncated()).isFalse();
        assertThat(answer.latencyMillis()).isNotNegative();
        assertThat(server.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.path()).isEqualTo("/ok?x=1");
            assertThat(seen.header("Host")).isEqualTo("127.0.0.1:" + server.port());
        });
    }

    @Test
    void a_host_name_is_sent_as_the_host_header_though_the_checked_address_is_connected_to() throws IOException {
        var client = OutboundHttp.through(OutboundAddresses.allowing("localhost"));
        var answer = get(client, "http://localhost:" + server.port() + "/ok");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(server.seen().get(0).header("Host")).isEqualTo("localhost:" + server.port());
    }

    @Test
    void a_post_sends_its_body_and_headers() throws IOException {
        var answer = cut.send(new OutboundHttp.Request("POST", URI.create(server.url("/echo")),
                Map.of("Content-Type", "application/json", "X-Source", "texium"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(5), 65536, 5));
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"method\":\"POST\",\"length\":7}");
        assertThat(server.seen().get(0).header("X-Source")).isEqualTo("texium");
        assertThat(server.seen().get(0).body()).isEqualTo("{\"a\":1}");
    }

    @Test
    void an_error_status_is_an_answer() throws IOException {
        assertThat(get(cut, server.url("/status/500")).status()).isEqualTo(500);
    }

    @Test
    void a_slow_answer_times_out_within_the_limit() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> cut.send(new OutboundHttp.Request("GET", URI.create(server.url("/slow")), Map.of(), null,
                Duration.ofMillis(500), 65536, 5))).isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void a_chunked_body_is_cut_at_the_limit() throws IOException {
        var answer = cut.send(new OutboundHttp.Request("GET", URI.create(server.url("/big/100000")), Map.of(), null,
                Duration.ofSeconds(5), 65536, 5));
        assertThat(answer.body()).hasSize(65536);
        assertThat(answer.truncated()).isTrue();
        var whole = get(cut, server.url("/big/3500"));
        assertThat(whole.body()).hasSize(3500);
        assertThat(whole.truncated()).isFalse();
    }

    @Test
    void redirects_are_followed_and_each_hop_is_checked() throws IOException {
        String target = server.url("/ok");
        var answer = get(cut, server.url("/redirect?to=" + URLEncoder.encode(target, StandardCharsets.UTF_8)));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.redirects()).isEqualTo(1);
        assertThat(answer.finalUri()).hasToString(target);
    }

    @Test
    void without_following_a_redirect_is_the_answer() throws IOException {
        var answer = cut.send(new OutboundHttp.Request("GET", URI.create(server.url("/redirect?to=/ok")), Map.of(), null,
                Duration.ofSeconds(5), 0, 0));
        assertThat(answer.status()).isEqualTo(302);
        assertThat(server.seen()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://10.0.0.1/", "http://[::ffff:169.254.169.254]/"})
    void a_redirect_to_a_refused_address_fails_the_request(String refused) {
        assertThatThrownBy(() -> get(cut, server.url("/redirect?to=" + URLEncoder.encode(refused, StandardCharsets.UTF_8))))
                .isInstanceOf(AddressRefusedException.class).hasMessageContaining("refused");
        assertThat(server.seen()).hasSize(1);
    }

    @Test
    void too_many_redirects_fail() {
        String loop = server.url("/redirect?to=" + URLEncoder.encode("/redirect?to=/ok", StandardCharsets.UTF_8));
        assertThatThrownBy(() -> cut.send(new OutboundHttp.Request("GET", URI.create(loop), Map.of(), null,
                Duration.ofSeconds(5), 100, 1))).hasMessageContaining("more than 1 redirects");
    }

    @Test
    void a_303_turns_a_post_into_a_get_and_authorization_stays_with_its_origin() throws IOException {
        var client = OutboundHttp.through(OutboundAddresses.allowing("127.0.0.1, localhost"));
        String elsewhere = "http://localhost:" + server.port() + "/echo";
        var answer = client.send(new OutboundHttp.Request("POST",
                URI.create(server.url("/redirect?code=303&to=" + URLEncoder.encode(elsewhere, StandardCharsets.UTF_8))),
                Map.of("Authorization", "Bearer s3cret"), "x".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5), 1000, 5));
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"method\":\"GET\",\"length\":0}");
        assertThat(server.seen().get(0).header("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(server.seen().get(1).header("Authorization")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:%d/ok", "http://169.254.169.254/", "http://[::1]:%d/ok", "http://localhost:%d/ok"})
    void without_the_allowance_loopback_and_metadata_are_refused_before_any_connection(String url) {
        var strict = OutboundHttp.through(OutboundAddresses.allowing(null));
        assertThatThrownBy(() -> get(strict, url.formatted(server.port()))).isInstanceOf(AddressRefusedException.class)
                .hasMessageContaining(OutboundAddresses.ALLOWED_HOSTS);
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void header_injection_is_refused() {
        assertThat(OutboundHttp.headerProblem("X-A", "a\r\nHost: evil")).contains("line breaks");
        assertThat(OutboundHttp.headerProblem("Bad Name", "v")).contains("header name");
        assertThat(OutboundHttp.headerProblem("Content-Length", "1")).contains("set by the scheduler");
        assertThatThrownBy(() -> cut.send(new OutboundHttp.Request("GET", URI.create(server.url("/ok")),
                Map.of("X-A", "a\r\nX-B: b"), null, Duration.ofSeconds(5), 100, 0))).isInstanceOf(IllegalArgumentException.class);
    }
}
