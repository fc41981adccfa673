package io.texium.scheduler.builtin.webhook;

import io.texium.scheduler.executions.control.Outputs;
import io.texium.scheduler.guard.OutboundAddresses;
import io.texium.scheduler.guard.OutboundHttp;
import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.jobs.spi.JobContext;
import io.texium.scheduler.jobs.spi.JobDefinition;
import io.texium.scheduler.jobs.spi.ScheduledJob;
import io.texium.scheduler.platform.JsonbSettings;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Calls an HTTP(S) URL through the outbound address guard and records the answer; an unexpected status fails the
 * run. The {@code Authorization} header comes from a secret argument, so it is masked wherever the job is shown.
 */
@Dependent
@JobDefinition(value = "jobs.webhook.WebhookJob", name = "Webhook",
        description = "Sends an HTTP(S) request and records the answer's status, latency and body (cut to 64 KiB); "
                + "fails when the status is not one expected.",
        arguments = {
                @JobDefinition.Argument(name = "url", required = true,
                        description = "The http:// or https:// URL to call."),
                @JobDefinition.Argument(name = "method", defaultValue = "\"POST\"",
                        allowed = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"}, description = "The HTTP method."),
                @JobDefinition.Argument(name = "headers", type = Arguments.STRING_MAP,
                        description = "Request headers by name; Authorization goes in the argument 'authorization'."),
                @JobDefinition.Argument(name = "body", type = Arguments.ANY,
                        description = "The request body: a string is sent as it is (text/plain unless headers say "
                                + "otherwise), anything else as JSON (application/json)."),
                @JobDefinition.Argument(name = "timeout_seconds", type = Arguments.INTEGER, defaultValue = "10", min = 1, max = WebhookJob.MAX_TIMEOUT_SECONDS,
                        description = "The limit for the whole exchange, redirects included: 1 to 120 seconds."),
                @JobDefinition.Argument(name = "expected_status", type = Arguments.ANY, defaultValue = "[\"2xx\"]",
                        description = "The statuses that count as success: codes, classes or ranges, e.g. [200, \"3xx\", \"400-404\"]."),
                @JobDefinition.Argument(name = "authorization", secret = true,
                        description = "The Authorization header's value (e.g. \"Bearer ...\"); secret: masked in every answer, audit entry and log.")},
        exampleKwargs = """
                {"url": "https://hooks.example.com/deploy", "method": "POST", "headers": {"X-Source": "texium"},
                 "body": {"event": "nightly-build"}, "timeout_seconds": 10, "expected_status": [200, 202],
                 "authorization": "Bearer example-token"}""",
        notes = {
                "Output: {\"status\", \"latency_ms\", \"method\", \"url\", \"final_url\", \"redirects\", \"content_type\", \"body\", \"truncated\"}; "
                        + "the body is read as UTF-8 and cut to 64 KiB (truncated: true says so).",
                "Redirects are followed up to 5 times (301/302/303 turn the request into a GET without body, 307/308 keep it); "
                        + "Authorization is not sent to another origin.",
                "Addresses in loopback, link-local (169.254.0.0/16, cloud metadata), private (10/8, 172.16/12, 192.168/16, fc00::/7), "
                        + "CGNAT (100.64/10), any-local and multicast ranges are refused, also when a redirect or DNS leads there, unless "
                        + "texium.webhook.allowed-hosts lists the host, address or CIDR block. The address checked is the address connected to."})
public class WebhookJob implements ScheduledJob {

    static final int MAX_TIMEOUT_SECONDS = 120;
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_HEADERS = 50;
    static final Set<String> NO_BODY = Set.of("GET", "HEAD");

    @Inject
    OutboundAddresses addresses;

    @Inject
    OutboundHttp http;

    @Override
    public List<Arguments.Problem> check(Arguments arguments) {
        List<Arguments.Problem> problems = new ArrayList<>();
        String url = arguments.string("url");
        if (url != null) {
            addresses.urlProblem(url.strip()).ifPresent(p -> problems.add(arguments.problem("url",
                    p.contains("user name") ? p + ": give credentials in the secret argument 'authorization'" : p)));
        }
        Map<String, String> headers = arguments.stringMap("headers");
        if (headers.size() > MAX_HEADERS) {
            problems.add(arguments.problem("headers", "must hold at most " + MAX_HEADERS + " headers"));
        }
        headers.forEach((name, value) -> {
            String problem = name.equalsIgnoreCase("Authorization")
                    ? "goes in the secret argument 'authorization', so that it is masked in every answer, audit entry and log"
                    : OutboundHttp.headerProblem(name, value);
            if (problem != null) {
                problems.add(new Arguments.Problem(arguments.field("headers") + "." + name, problem));
            }
        });
        String authorization = arguments.string("authorization");
        if (authorization != null && OutboundHttp.headerProblem("Authorization", authorization) != null) {
            problems.add(arguments.problem("authorization", "must not contain line breaks, control or non-Latin-1 characters"));
        }
        arguments.value("expected_status").ifPresent(v -> {
            try {
                ExpectedStatus.parse(v);
            } catch (IllegalArgumentException e) {
                problems.add(arguments.problem("expected_status", e.getMessage()));
            }
        });
        if (arguments.value("body").isPresent() && NO_BODY.contains(method(arguments))) {
            problems.add(arguments.problem("body", "is not sent with " + method(arguments) + "; use POST, PUT, PATCH or DELETE"));
        }
        return problems;
    }

    @Override
    public Object run(JobContext context) throws Exception {
        Arguments arguments = checked(context.arguments());
        String method = method(arguments);
        String url = arguments.requiredString("url").strip();
        Duration timeout = Duration.ofSeconds(arguments.integer("timeout_seconds", 10));
        ExpectedStatus expected = arguments.value("expected_status").map(ExpectedStatus::parse).orElse(ExpectedStatus.ANY_2XX);

        Map<String, String> headers = new LinkedHashMap<>(arguments.stringMap("headers"));
        byte[] body = null;
        Object given = arguments.value("body").orElse(null);
        if (given != null) {
            boolean text = given instanceof String;
            body = (text ? (String) given : JsonbSettings.jsonb().toJson(given)).getBytes(StandardCharsets.UTF_8);
            if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Content-Type"))) {
                headers.put("Content-Type", text ? "text/plain; charset=utf-8" : "application/json");
            }
        }
        String authorization = arguments.string("authorization");
        if (authorization != null && !authorization.isEmpty()) {
            headers.put("Authorization", authorization);
        }

        OutboundHttp.Response answer;
        try {
            answer = http.send(new OutboundHttp.Request(method, URI.create(url), headers, body, timeout, MAX_BODY_BYTES,
                    OutboundHttp.MAX_REDIRECTS));
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException(method + " " + url + " timed out after " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new IOException(method + " " + url + " failed: " + e.getMessage(), e);
        }
        Map<String, Object> output = output(method, url, answer);
        if (!expected.accepts(answer.status())) {
            String text = (String) output.get("body");
            throw new UnexpectedStatusException(method + " " + url + " answered HTTP " + answer.status() + " after "
                    + answer.latencyMillis() + " ms; expected " + expected.text()
                    + (text.isEmpty() ? "" : "; body: " + (text.length() > 1024 ? text.substring(0, 1024) + "..." : text)));
        }
        return output;
    }

    /** The output, its body shortened until the whole fits an execution's output limit as valid JSON. */
    static Map<String, Object> output(String method, String url, OutboundHttp.Response answer) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("status", answer.status());
        output.put("latency_ms", answer.latencyMillis());
        output.put("method", method);
        output.put("url", url);
        output.put("final_url", answer.finalUri().toString());
        output.put("redirects", answer.redirects());
        output.put("content_type", answer.header("content-type"));
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        boolean truncated = answer.truncated();
        while (true) {
            output.put("body", text);
            output.put("truncated", truncated);
            int over = JsonbSettings.jsonb().toJson(output).getBytes(StandardCharsets.UTF_8).length - Outputs.LIMIT_BYTES;
            if (over <= 0) {
                return output;
            }
            // escaping makes a character up to six bytes: cut at least what is over, in characters
            text = text.substring(0, Math.max(0, text.length() - Math.max(over, 16)));
            truncated = true;
        }
    }

    private static String method(Arguments arguments) {
        String method = arguments.string("method");
        return method == null ? "POST" : method.strip().toUpperCase(Locale.ROOT);
    }

    /** The answer came, with a status the job was not told to expect. */
    static final class UnexpectedStatusException extends Exception {
        UnexpectedStatusException(String message) {
            super(message);
        }
    }
}
