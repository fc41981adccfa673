package io.texium.scheduler.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A small HTTP client for the scheduler's API in integration tests: JSON in, status and JSON out. */
public final class Api {

    /** The admin password the integration tests start the server with. */
    public static final String ADMIN_PASSWORD = "it-admin-password-0123";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String authorization;

    /** {@code base} is the application's root, e.g. {@code http://localhost:8080/}; no credentials. */
    public Api(URI base) {
        this(base, null);
    }

    private Api(URI base, String authorization) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.authorization = authorization;
    }

    /** The same API as the given user, by HTTP Basic. */
    public Api as(String username, String password) {
        String pair = username + ":" + password;
        return new Api(base, "Basic " + java.util.Base64.getEncoder().encodeToString(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The same API as the first admin. */
    public Api asAdmin() {
        return as("admin", ADMIN_PASSWORD);
    }

    /** The same API with a Bearer token. */
    public Api withToken(String token) {
        return new Api(base, "Bearer " + token);
    }

    /** One answer: status, content type, the Location header and the body (JSON when it parses). */
    public record Reply(int status, String contentType, String location, String text, String challenge,
                        Map<String, List<String>> headers) {
        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(text))) {
                return reader.readObject();
            }
        }

        public JsonObject data() {
            return json().getJsonObject("data");
        }

        /** The first value of a header (names case-insensitive), or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    /** Creates a user with the role {@code user} and returns its id (call on an admin's Api). */
    public String createUser(String username, String password) {
        var reply = post("api/users/", """
                {"username": "%s", "email": "%s@example.com", "full_name": "%s", "role": "user", "password": "%s"}"""
                .formatted(username, username, username, password));
        if (reply.status() != 201) {
            throw new IllegalStateException("could not create user " + username + ": " + reply.text());
        }
        return reply.data().getString("id");
    }

    public Reply get(String path) {
        return send("GET", path, null);
    }

    public Reply post(String path, String body) {
        return send("POST", path, body);
    }

    public Reply put(String path, String body) {
        return send("PUT", path, body);
    }

    public Reply patch(String path) {
        return send("PATCH", path, null);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null);
    }

    public Reply send(String method, String path, String body) {
        return send(method, path, body, Map.of());
    }

    /** A request with extra headers (which may replace Content-Type). */
    public Reply send(String method, String path, String body, Map<String, String> headers) {
        URI target = path.startsWith("http://") || path.startsWith("https://") ? URI.create(path) : base.resolve(path);
        var request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::setHeader);
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null), response.body(),
                    response.headers().firstValue("WWW-Authenticate").orElse(null), response.headers().map());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code path} every 100 ms until the condition holds or {@code timeout} passes; returns the last reply. */
    public Reply await(String path, Predicate<Reply> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Reply reply = get(path);
        while (!condition.test(reply) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            reply = get(path);
        }
        return reply;
    }

    public static String str(JsonObject o, String key) {
        return o.isNull(key) ? null : o.getString(key);
    }

    static boolean isNull(JsonValue v) {
        return v == null || v.getValueType() == JsonValue.ValueType.NULL;
    }
}
