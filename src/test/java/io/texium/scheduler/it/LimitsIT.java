package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The request guard on Payara Micro, with limits low enough to cross in a test: the API rate limit (429, then
 * recovery), failed sign-ins backing off per username and per address (behind a trusted proxy), the security
 * headers, and the body limits (415, 413).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LimitsIT {

    static final String PASSWORD = "limits-password-1";
    static final int BURST = 10;
    static final int RATE = 5;
    static final int MAX_BODY = 1_048_576;
    static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    URL base;

    /** The application over loopback, the one address the deployment trusts as a proxy. */
    URI local;

    Api admin;

    /** The WAR with a configuration that outranks the test servers' system properties (ordinal 400). */
    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war().addAsResource(new StringAsset("""
                config_ordinal=500
                texium.ratelimit.requests-per-second=%d
                texium.ratelimit.burst=%d
                texium.ratelimit.failed-sign-ins.per-username=3
                texium.ratelimit.failed-sign-ins.per-address=5
                texium.ratelimit.failed-sign-ins.window-seconds=60
                texium.trusted-proxies=127.0.0.1
                """.formatted(RATE, BURST)), "META-INF/microprofile-config.properties");
    }

    @BeforeEach
    void clients() {
        admin = new Api(URI.create(base.toString())).asAdmin();
        local = URI.create("http://127.0.0.1:" + base.getPort() + (base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/"));
    }

    String newUser(String prefix) {
        String name = prefix + "-" + System.nanoTime();
        admin.createUser(name, PASSWORD);
        return name;
    }

    static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(String method, String path, String authorization, String forwardedFor) {
        return send(method, path, authorization, forwardedFor, null, null);
    }

    HttpResponse<String> send(String method, String path, String authorization, String forwardedFor, String contentType,
                              String body) {
        var request = HttpRequest.newBuilder(local.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long header(HttpResponse<?> response, String name) {
        return Long.parseLong(response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name)));
    }

    @Test
    void a_burst_of_run_now_crosses_the_rate_limit_and_recovers_after_the_window() throws InterruptedException {
        String user = newUser("burst");
        String auth = basic(user, PASSWORD);
        var created = send("POST", "api/scheduler/jobs", auth, null, "application/json",
                "{\"job_class_string\": \"jobs.echo.EchoJob\", \"name\": \"burst\", \"minute\": \"0\", \"hour\": \"3\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(header(created, "RateLimit-Limit")).isEqualTo(BURST);
        String jobId = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");

        List<HttpResponse<String>> burst = new ArrayList<>();
        for (int i = 0; i < 3 * BURST; i++) {
            burst.add(send("POST", "api/scheduler/jobs/" + jobId + "/run", auth, null));
        }
        List<Integer> statuses = burst.stream().map(HttpResponse::statusCode).toList();
        assertThat(statuses).as("the burst's first calls run").startsWith(202, 202, 202, 202, 202, 202, 202, 202).contains(429);
        assertThat(statuses).containsOnly(202, 429);
        var accepted = burst.get(0);
        assertThat(header(accepted, "RateLimit-Remaining")).isEqualTo(BURST - 2); // the job's creation took one
        var refused = burst.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertSoftly(s -> {
            s.assertThat(header(refused, "Retry-After")).isBetween(1L, 2L);
            s.assertThat(header(refused, "RateLimit-Remaining")).isZero();
            s.assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            s.assertThat(refused.body()).contains("\"status\":429").contains("try again in");
        });

        Thread.sleep(Duration.ofSeconds(header(refused, "Retry-After")));
        assertThat(send("POST", "api/scheduler/jobs/" + jobId + "/run", auth, null).statusCode()).as("after Retry-After").isEqualTo(202);
        var last = send("GET", "api/scheduler/jobs/" + jobId, auth, null);
        Thread.sleep(Duration.ofSeconds(header(last, "RateLimit-Reset")));
        var recovered = send("GET", "api/scheduler/jobs/" + jobId, auth, null);
        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(header(recovered, "RateLimit-Remaining")).as("the whole burst again after the window").isEqualTo(BURST - 1);
    }

    @Test
    void failed_sign_ins_back_off_per_username_and_address_and_never_tell_whether_the_name_exists() {
        String known = newUser("victim");
        String unknown = "nobody-" + System.nanoTime();
        List<String> answers = new ArrayList<>();
        for (String name : List.of(known, unknown)) {
            String address = name.equals(known) ? "203.0.113.1" : "203.0.113.2";
            for (int i = 0; i < 3; i++) {
                var wrong = send("GET", "api/scheduler/jobs", basic(name, "wrong-" + i), address);
                assertThat(wrong.statusCode()).as(name + " try " + i).isEqualTo(401);
            }
            var backingOff = send("GET", "api/scheduler/jobs", basic(name, PASSWORD), address);
            assertThat(backingOff.statusCode()).as("the right password too, while %s backs off", name).isEqualTo(429);
            assertThat(header(backingOff, "Retry-After")).isBetween(15L, 20L);
            assertThat(backingOff.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            var elsewhere = send("GET", "api/scheduler/jobs", basic(name, PASSWORD), "203.0.113.3");
            assertThat(elsewhere.statusCode()).as("the username backs off from every address").isEqualTo(429);
            answers.add(backingOff.body());
        }
        // the seconds count from each name's first failure: three password hashes (about 0.2 s each) may take one
        // name past a second boundary and not the other, so the answers are compared without them
        assertThat(answers.get(0).replaceAll("\\d+ s\\.", "N s.")).as("the same answer for a known and an unknown name")
                .isEqualTo(answers.get(1).replaceAll("\\d+ s\\.", "N s."));

        for (int i = 0; i < 5; i++) {
            var guess = send("GET", "api/scheduler/jobs", basic("guess-" + i + "-" + System.nanoTime(), "x"), "203.0.113.4");
            assertThat(guess.statusCode()).isEqualTo(401);
        }
        assertThat(send("GET", "api/scheduler/jobs", basic("guess-next", "x"), "203.0.113.4").statusCode())
                .as("an address that tried many names backs off").isEqualTo(429);
        assertThat(send("GET", "api/scheduler/jobs", basic("guess-next", "x"), "203.0.113.5").statusCode())
                .as("another address does not").isEqualTo(401);
        String fresh = newUser("fresh");
        assertThat(send("GET", "api/scheduler/jobs", basic(fresh, PASSWORD), "203.0.113.5").statusCode()).isEqualTo(200);
    }

    @Test
    void every_answer_carries_the_security_headers() {
        String user = newUser("headers");
        List<HttpResponse<String>> api = List.of(
                send("GET", "api/scheduler/jobs", basic(user, PASSWORD), null),
                send("GET", "api/scheduler/no-such-thing", basic(user, PASSWORD), null),
                send("GET", "api/scheduler/jobs", null, null),
                send("GET", "api/scheduler/jobs", basic(user, "wrong-password"), null));
        assertThat(api).extracting(HttpResponse::statusCode).containsExactly(200, 404, 401, 401);
        for (var response : api) {
            assertSoftly(s -> {
                s.assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
                s.assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
                s.assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
                s.assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
                s.assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                        csp -> assertThat(csp).contains("default-src 'none'").contains("frame-ancestors 'none'"));
            });
        }
        var page = send("GET", "index.html", null, null);
        assertSoftly(s -> {
            s.assertThat(page.headers().firstValue("X-Content-Type-Options")).as(page.toString()).hasValue("nosniff");
            s.assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            s.assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            s.assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                    csp -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        });
    }

    @Test
    void an_undecodable_charset_is_415_and_a_body_over_the_limit_413_however_it_is_sent() throws IOException {
        String user = newUser("bodies");
        String auth = basic(user, PASSWORD);
        String job = "{\"job_class_string\": \"jobs.echo.EchoJob\", \"name\": \"bodies\", \"minute\": \"0\", \"hour\": \"4\"}";

        var utf7 = send("POST", "api/scheduler/jobs", auth, null, "application/json; charset=utf-7", job);
        assertThat(utf7.statusCode()).as(utf7.body()).isEqualTo(415);
        assertThat(utf7.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(utf7.body()).contains("utf-7");

        String head = "POST " + local.getPath() + "api/scheduler/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + auth
                + "\r\nContent-Type: application/json\r\nConnection: close\r\n";
        String announced = raw(head + "Content-Length: " + 2 * MAX_BODY + "\r\n\r\n", null);
        assertThat(announced).startsWith("HTTP/1.1 413").contains("application/problem+json").contains(MAX_BODY + " bytes");

        String streamed = raw(head + "Transfer-Encoding: chunked\r\n\r\n", new byte[MAX_BODY + 1]);
        assertThat(streamed).startsWith("HTTP/1.1 413").contains(MAX_BODY + " bytes");

        String small = raw(head + "Transfer-Encoding: chunked\r\n\r\n", job.getBytes(StandardCharsets.UTF_8));
        assertThat(small).as("a streamed body within the limit reaches the resource").startsWith("HTTP/1.1 201");
    }

    /** Sends {@code head} and, when given, {@code body} in 64 KiB chunks; the answer as text, up to its end. */
    String raw(String head, byte[] body) throws IOException {
        try (var socket = new Socket(local.getHost(), local.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                for (int at = 0; at < body.length; at += 65_536) {
                    int n = Math.min(65_536, body.length - at);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, at, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            return answer(socket.getInputStream());
        }
    }

    /** Reads one HTTP answer: its head, then as much body as its Content-Length says (or up to a last chunk, or the close). */
    static String answer(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            String text = bytes.toString(StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd >= 0) {
                var length = CONTENT_LENGTH.matcher(text.substring(0, headEnd));
                if (length.find() ? text.length() - headEnd - 4 >= Integer.parseInt(length.group(1)) : text.endsWith("0\r\n\r\n")) {
                    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
                }
            }
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketException reset) {
                n = -1; // the server may close without reading the rest of the body; what it sent first is kept
            }
            if (n < 0) {
                return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
            }
            bytes.write(buffer, 0, n);
        }
    }
}
