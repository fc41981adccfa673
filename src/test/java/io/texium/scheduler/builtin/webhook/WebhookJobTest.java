package io.texium.scheduler.builtin.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.executions.control.Outputs;
import io.texium.scheduler.guard.OutboundAddresses;
import io.texium.scheduler.guard.OutboundHttp;
import io.texium.scheduler.jobs.control.JobCatalog;
import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.jobs.spi.JobContext;
import io.texium.scheduler.platform.JsonbSettings;
import io.texium.scheduler.platform.LocalHttp;
import io.texium.scheduler.problems.FieldProblem;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Webhook job against a real local HTTP server (loopback, so allowed here as texium.webhook.allowed-hosts would). */
class WebhookJobTest {

    static final String SECRET = "Bearer very-secret-token";

    final LocalHttp server = new LocalHttp();
    final WebhookJob cut = job("127.0.0.1");

    static WebhookJob job(String allowedHosts) {
        var job = new WebhookJob();
        job.addresses = OutboundAddresses.allowing(allowedHosts);
        job.http = OutboundHttp.through(job.addresses);
        return job;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Arguments args(Map<String, Object> values) {
        return new Arguments(values, Map.of());
    }

    static JobContext context(Map<String, Object> kwargs) {
        return new JobContext("job", "hook", "user", "execution", "manual", null, List.of(), kwargs, args(kwargs));
    }

    @Nested
    class Run {

        @Test
        @SuppressWarnings("unchecked")
        void posts_json_and_records_the_answer() throws Exception {
            var output = (Map<String, Object>) cut.run(context(Map.of("url", server.url("/echo"), "body", Map.of("event", "nightly"),
                    "headers", Map.of("X-Source", "texium"), "authorization", SECRET)));
            assertThat(output).containsEntry("status", 200).containsEntry("method", "POST")
                    .containsEntry("url", server.url("/echo")).containsEntry("final_url", server.url("/echo"))
                    .containsEntry("content_type", "application/json").containsEntry("truncated", false)
                    .containsEntry("body", "{\"method\":\"POST\",\"length\":19}").containsKey("latency_ms");
            assertThat(JsonbSettings.jsonb().toJson(output)).doesNotContain(SECRET);
            var seen = server.seen().get(0);
            assertThat(seen.body()).isEqualTo("{\"event\":\"nightly\"}");
            assertThat(seen.header("Content-Type")).isEqualTo("application/json");
            assertThat(seen.header("Authorization")).isEqualTo(SECRET);
            assertThat(seen.header("X-Source")).isEqualTo("texium");
        }

        @Test
        void an_unexpected_status_fails_with_status_and_latency_but_not_the_secret() {
            assertThatThrownBy(() -> cut.run(context(Map.of("url", server.url("/status/500"), "authorization", SECRET))))
                    .isInstanceOf(WebhookJob.UnexpectedStatusException.class)
                    .hasMessageContaining("POST " + server.url("/status/500") + " answered HTTP 500 after ")
                    .hasMessageContaining(" ms; expected 2xx; body: status 500")
                    .message().doesNotContain(SECRET);
        }

        @Test
        @SuppressWarnings("unchecked")
        void expected_statuses_may_include_errors() throws Exception {
            var output = (Map<String, Object>) cut.run(context(Map.of("url", server.url("/status/503"), "method", "GET",
                    "expected_status", List.of(200, "500-503"))));
            assertThat(output).containsEntry("status", 503);
        }

        @Test
        void a_slow_answer_fails_at_the_timeout() {
            assertThatThrownBy(() -> cut.run(context(Map.of("url", server.url("/slow"), "timeout_seconds", 1))))
                    .hasMessageContaining("timed out after 1 s");
        }

        @Test
        void a_redirect_to_the_metadata_address_fails_the_run() {
            String url = server.url("/redirect?to=" + URLEncoder.encode("http://169.254.169.254/latest/meta-data/", StandardCharsets.UTF_8));
            assertThatThrownBy(() -> cut.run(context(Map.of("url", url, "method", "GET"))))
                    .hasMessageContaining("refused: redirect 302 to http://169.254.169.254/latest/meta-data/");
            assertThat(server.seen()).hasSize(1);
        }

        @Test
        void without_the_allowance_the_local_server_is_refused() {
            assertThatThrownBy(() -> job(null).run(context(Map.of("url", server.url("/ok")))))
                    .hasMessageContaining("127.0.0.1").hasMessageContaining(OutboundAddresses.ALLOWED_HOSTS);
            assertThat(server.seen()).isEmpty();
        }

        @Test
        @SuppressWarnings("unchecked")
        void a_long_body_is_cut_so_that_the_output_stays_whole_json() throws Exception {
            var output = (Map<String, Object>) cut.run(context(Map.of("url", server.url("/big/200000"), "method", "GET")));
            assertThat(output).containsEntry("truncated", true);
            String json = JsonbSettings.jsonb().toJson(output);
            assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Outputs.LIMIT_BYTES);
            assertThat(Outputs.output(output)).isEqualTo(json).endsWith("}");
            assertThat((String) output.get("body")).hasSizeGreaterThan(60_000).matches("x+");
        }
    }

    @Nested
    class Check {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                ftp://example.com/           | url             | http:// or https://
                http://169.254.169.254/      | url             | link-local (cloud metadata)
                http://[::1]:8080/           | url             | loopback
                http://u:p@example.com/      | url             | secret argument 'authorization'
                """)
        void refuses_urls_without_network(String url, String field, String reason) {
            assertThat(job(null).check(args(Map.of("url", url)))).singleElement()
                    .satisfies(p -> {
                        assertThat(p.field()).isEqualTo("pub_kwargs." + field);
                        assertThat(p.reason()).contains(reason);
                    });
        }

        @Test
        void an_authorization_header_belongs_in_the_secret_argument() {
            var problems = cut.check(args(Map.of("url", "https://example.com/", "headers", Map.of("authorization", "Bearer x"))));
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("pub_kwargs.headers.authorization");
                assertThat(p.reason()).contains("secret argument 'authorization'");
            });
        }

        @Test
        void other_rules() {
            Map<String, Object> values = new HashMap<>();
            values.put("url", "https://example.com/");
            values.put("method", "GET");
            values.put("body", "x");
            values.put("timeout_seconds", 121);
            values.put("expected_status", List.of("2xx", "abc"));
            values.put("headers", Map.of("X-A", "a\r\nb", "Host", "evil"));
            values.put("authorization", "Bearer a\nb");
            assertThat(JobCatalog.problems(cut, List.of(), values)).extracting(FieldProblem::field).containsExactlyInAnyOrder(
                    "pub_kwargs.timeout_seconds", "pub_kwargs.body", "pub_kwargs.expected_status",
                    "pub_kwargs.headers.X-A", "pub_kwargs.headers.Host", "pub_kwargs.authorization");
            values.remove("timeout_seconds");
            assertThat(cut.check(args(values))).extracting(Arguments.Problem::field).containsExactlyInAnyOrder(
                    "pub_kwargs.body", "pub_kwargs.expected_status",
                    "pub_kwargs.headers.X-A", "pub_kwargs.headers.Host", "pub_kwargs.authorization");
            assertThat(cut.check(args(values)).toString()).doesNotContain("Bearer");
        }

        @Test
        void a_good_job_passes() {
            assertThat(job(null).check(args(Map.of("url", "https://hooks.example.com/x", "method", "PUT", "body", Map.of("a", 1),
                    "expected_status", List.of(200, "3xx", "400-404"), "authorization", SECRET)))).isEmpty();
        }
    }

    @Nested
    class Statuses {

        @ParameterizedTest(name = "{0} accepts {1}: {2}")
        @CsvSource(delimiter = '|', textBlock = """
                2xx       | 204 | true
                2xx       | 300 | false
                200-204   | 204 | true
                200-204   | 205 | false
                404       | 404 | true
                """)
        void parse(String spec, int status, boolean accepted) {
            assertThat(ExpectedStatus.parse(spec).accepts(status)).isEqualTo(accepted);
        }

        @Test
        void text_names_them() {
            assertThat(ExpectedStatus.parse(List.of(200, "3xx", "400-404")).text()).isEqualTo("200, 3xx, 400-404");
        }
    }
}
