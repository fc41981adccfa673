package io.texium.scheduler.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One HTTP client of the scheduler, as the bench uses it: optional Basic credentials, a timeout per call, and
 * sequential latency probes. (The integration tests' {@code Api} has a fixed 30 s timeout, too short at 100,000 jobs.)
 */
final class BenchClient {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String authorization;

    BenchClient(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    BenchClient as(String username, String password) {
        String pair = username + ":" + password;
        return new BenchClient(base, "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /** One answer: its status and body; status -1 and the error message as body when no answer came. */
    record Reply(int status, String body) {
        JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    Reply get(String path) {
        return send("GET", path, null, DEFAULT_TIMEOUT);
    }

    Reply get(String path, Duration timeout) {
        return send("GET", path, null, timeout);
    }

    Reply post(String path, String json) {
        return send("POST", path, json, DEFAULT_TIMEOUT);
    }

    Reply send(String method, String path, String json, Duration timeout) {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Reply(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, e.toString());
        }
    }

    /** Latencies of one client calling {@code path} in sequence: the distribution, and the answers that were not 2xx. */
    record Probe(Samples.Dist dist, int errors, String firstError) {
        String text() {
            String base = dist == null ? "n/a" : Samples.ms(dist.p99());
            return errors == 0 ? base : base + " (" + errors + " errors, e.g. " + firstError + ")";
        }
    }

    /**
     * Calls {@code path} {@code warmUp} times unmeasured, then up to {@code count} times measured, stopping early
     * once {@code budget} is spent (at least one measured call).
     */
    Probe probe(String path, int warmUp, int count, Duration budget) {
        for (int i = 0; i < warmUp; i++) {
            get(path, Duration.ofSeconds(60));
        }
        List<Double> millis = new ArrayList<>();
        int errors = 0;
        String firstError = null;
        long deadline = System.nanoTime() + budget.toNanos();
        for (int i = 0; i < count && (i == 0 || System.nanoTime() < deadline); i++) {
            long start = System.nanoTime();
            Reply reply = get(path, Duration.ofSeconds(60));
            millis.add((System.nanoTime() - start) / 1e6);
            if (!reply.ok()) {
                errors++;
                if (firstError == null) {
                    firstError = reply.status() + " " + abbreviate(reply.body());
                }
            }
        }
        return new Probe(Samples.Dist.of(millis), errors, firstError);
    }

    static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() <= 120 ? flat : flat.substring(0, 117) + "...";
    }
}
