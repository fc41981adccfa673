package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may call what: anonymous, user A, user B and an admin against every endpoint, with the status each
 * must get. Every path and method the OpenAPI document lists must have a row here, so a new endpoint
 * cannot ship without joining the table. A second table holds what changes when user A and the admin sign in with
 * an API token instead of their password: account administration and token minting need the password.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthorizationMatrixIT {

    static final String PASSWORD = "matrix-password-0123";

    @ArquillianResource
    URL base;

    /** The callers, in the order of the expected statuses in each row. */
    enum Who { ANONYMOUS, USER_A, USER_B, ADMIN }

    /** One endpoint: method, path template, body, and the status each caller must get. */
    record Row(String method, String template, String body, int anonymous, int userA, int userB, int admin, String undo) {

        Row(String method, String template, String body, int anonymous, int userA, int userB, int admin) {
            this(method, template, body, anonymous, userA, userB, admin, null);
        }

        int expected(Who who) {
            return switch (who) {
                case ANONYMOUS -> anonymous;
                case USER_A -> userA;
                case USER_B -> userB;
                case ADMIN -> admin;
            };
        }
    }

    /** What the rows point at; "fresh" objects are made anew for each call that deletes one. */
    class World {
        final Api admin;
        final Map<Who, Api> apis;
        final String userA;
        final String userB;
        final String jobA;
        final String serverA;
        final String executionA;
        private String backup;
        private String report;

        World() {
            Api anonymous = new Api(URI.create(base.toString()));
            admin = anonymous.asAdmin();
            String suffix = Long.toString(System.nanoTime());
            userA = createUser("matrix-a-" + suffix);
            userB = createUser("matrix-b-" + suffix);
            apis = Map.of(Who.ANONYMOUS, anonymous, Who.USER_A, anonymous.as("matrix-a-" + suffix, PASSWORD),
                    Who.USER_B, anonymous.as("matrix-b-" + suffix, PASSWORD), Who.ADMIN, admin);
            jobA = freshJob();
            serverA = freshServer();
            executionA = admin.post("api/scheduler/jobs/" + jobA + "/run", null).json().getString("execution_id");
        }

        String createUser(String username) {
            var reply = admin.post("api/users/", """
                    {"username": "%s", "email": "%s@example.com", "full_name": "Matrix", "role": "user", "password": "%s"}"""
                    .formatted(username, username, PASSWORD));
            assertThat(reply.status()).as(reply.text()).isEqualTo(201);
            return reply.data().getString("id");
        }

        String freshJob() {
            var reply = admin.post("api/scheduler/jobs", """
                    {"user_id": "%s", "job_class_string": "jobs.echo.EchoJob", "name": "matrix", "hour": "3"}""".formatted(userA));
            assertThat(reply.status()).as(reply.text()).isEqualTo(201);
            return reply.json().getString("job_id");
        }

        String freshServer() {
            var reply = admin.post("api/servers/", """
                    {"user_id": "%s", "name": "db", "check": {"type": "tcp", "host": "localhost", "port": 5432}}""".formatted(userA));
            assertThat(reply.status()).as(reply.text()).isEqualTo(201);
            return reply.data().getString("id");
        }

        /** Minted by user A: a token is minted by its owner only. */
        String freshToken() {
            var reply = apis.get(Who.USER_A).post("api/users/" + userA + "/tokens", "{\"name\": \"matrix\"}");
            assertThat(reply.status()).as(reply.text()).isEqualTo(201);
            return reply.data().getString("id");
        }

        /** One backup, made when a row first names it. */
        String backup() {
            if (backup == null) {
                var reply = admin.post("api/admin/backups", null);
                assertThat(reply.status()).as(reply.text()).isEqualTo(201);
                backup = reply.json().getString("name");
            }
            return backup;
        }

        /** One report of user A's, written by a ReportGeneration job of A's run now, made when a row first names it. */
        String report() {
            if (report == null) {
                var job = admin.post("api/scheduler/jobs", """
                        {"user_id": "%s", "job_class_string": "jobs.report.ReportGenerationJob", "name": "matrix report",
                         "hour": "3"}""".formatted(userA));
                assertThat(job.status()).as(job.text()).isEqualTo(201);
                var run = admin.post("api/scheduler/jobs/" + job.json().getString("job_id") + "/run", null);
                var done = admin.await("api/scheduler/executions/" + run.json().getString("execution_id"),
                        r -> r.status() == 200 && !r.data().getString("status").matches("scheduled|running"),
                        java.time.Duration.ofSeconds(30));
                assertThat(done.data().getString("status")).as(done.text()).isEqualTo("succeeded");
                report = jakarta.json.Json.createReader(new java.io.StringReader(done.data().getString("output")))
                        .readObject().getString("name");
            }
            return report;
        }

        String freshUser() {
            return createUser("matrix-" + System.nanoTime());
        }

        /** The template with its placeholders filled; a fresh object each time one is asked for. */
        String fill(String template) {
            Map<String, java.util.function.Supplier<String>> values = Map.of(
                    "{userA}", () -> userA, "{jobA}", () -> jobA, "{serverA}", () -> serverA,
                    "{executionA}", () -> executionA, "{freshJob}", this::freshJob, "{freshServer}", this::freshServer,
                    "{freshToken}", this::freshToken, "{freshUser}", this::freshUser,
                    "{backup}", this::backup, "{report}", this::report);
            String path = template;
            for (var entry : values.entrySet()) {
                if (path.contains(entry.getKey())) {
                    path = path.replace(entry.getKey(), entry.getValue().get());
                }
            }
            return path;
        }
    }

    static final String JOB = "{\"job_class_string\": \"jobs.echo.EchoJob\", \"name\": \"m\", \"hour\": \"4\"}";
    static final String JOB_FOR_A = "{\"user_id\": \"{userA}\", \"job_class_string\": \"jobs.echo.EchoJob\", \"name\": \"m\", \"hour\": \"4\"}";
    static final String SERVER = "{\"name\": \"web\", \"check\": {\"type\": \"http\", \"url\": \"https://example.com/health\"}}";

    static final List<Row> ROWS = List.of(
            new Row("POST", "api/scheduler/jobs", JOB, 401, 201, 201, 201),
            new Row("POST", "api/scheduler/jobs", JOB_FOR_A, 401, 201, 403, 201),
            new Row("GET", "api/scheduler/jobs", null, 401, 200, 200, 200),
            new Row("GET", "api/scheduler/jobs?user_id={userA}", null, 401, 200, 403, 200),
            new Row("GET", "api/scheduler/jobs/{jobA}", null, 401, 200, 404, 200),
            new Row("PUT", "api/scheduler/jobs/{jobA}", "{\"description\": \"changed\"}", 401, 200, 404, 200),
            new Row("PUT", "api/scheduler/jobs/{jobA}", "{\"user_id\": \"admin-owned\"}", 401, 403, 404, 400),
            new Row("DELETE", "api/scheduler/jobs/{freshJob}", null, 401, 200, 404, 200),
            new Row("PATCH", "api/scheduler/jobs/{jobA}/pause", null, 401, 200, 404, 200),
            new Row("PATCH", "api/scheduler/jobs/{jobA}/resume", null, 401, 200, 404, 200),
            new Row("POST", "api/scheduler/jobs/{jobA}/run", null, 401, 202, 404, 202),
            new Row("GET", "api/scheduler/users/{userA}/jobs", null, 401, 200, 404, 200),
            new Row("GET", "api/scheduler/executions", null, 401, 200, 200, 200),
            new Row("GET", "api/scheduler/executions?user_id={userA}", null, 401, 200, 403, 200),
            new Row("GET", "api/scheduler/executions/{executionA}", null, 401, 200, 404, 200),
            // executionA (a run of an echo job) has ended by now: its owner and an admin pass the rights check and get 409
            new Row("POST", "api/scheduler/executions/{executionA}/cancel", null, 401, 409, 404, 409),
            new Row("GET", "api/scheduler/available-jobs", null, 401, 200, 200, 200),
            new Row("GET", "api/scheduler/stats", null, 401, 200, 200, 200),
            new Row("GET", "api/scheduler/stats?user_id={userA}", null, 401, 200, 403, 200),
            new Row("GET", "api/scheduler/dashboard/summary", null, 401, 200, 200, 200),
            new Row("GET", "api/scheduler/dashboard/summary?user_id={userA}", null, 401, 200, 403, 200),
            new Row("GET", "api/scheduler/dashboard/hourly", null, 401, 200, 200, 200),
            new Row("GET", "api/scheduler/dashboard/hourly?user_id={userA}", null, 401, 200, 403, 200),
            new Row("GET", "api/scheduler/dashboard/lag", null, 401, 200, 200, 200),
            new Row("GET", "api/scheduler/dashboard/slowest", null, 401, 200, 200, 200),
            new Row("GET", "api/scheduler/dashboard/upcoming", null, 401, 200, 200, 200),
            new Row("GET", "api/scheduler/dashboard/upcoming?user_id={userA}", null, 401, 200, 403, 200),
            new Row("GET", "api/scheduler/dashboard/failing", null, 401, 200, 200, 200),
            new Row("GET", "api/scheduler/health", null, 401, 403, 403, 200),
            new Row("GET", "api/scheduler/timers", null, 401, 403, 403, 200),
            new Row("POST", "api/scheduler/timers/{jobA}/rearm", null, 401, 403, 403, 200),
            new Row("POST", "api/scheduler/timers/reconcile", null, 401, 403, 403, 200),
            new Row("GET", "api/scheduler/instances", null, 401, 403, 403, 200),
            new Row("GET", "api/scheduler/metrics", null, 401, 403, 403, 200),
            new Row("GET", "api/scheduler/metrics/history", null, 401, 403, 403, 200),
            new Row("POST", "api/scheduler/schedules/preview", "{\"minute\": \"*/5\"}", 401, 200, 200, 200),
            new Row("GET", "api/scheduler/audit", null, 401, 200, 200, 200),
            new Row("POST", "api/users/", "{\"username\": \"nobody\", \"email\": \"n@example.com\", \"password\": \"long-enough-password\"}", 401, 403, 403, 201),
            new Row("POST", "api/users", "{\"username\": \"nobody2\", \"email\": \"n2@example.com\", \"password\": \"long-enough-password\"}", 401, 403, 403, 201),
            new Row("GET", "api/users/", null, 401, 200, 200, 200),
            new Row("GET", "api/users", null, 401, 200, 200, 200),
            new Row("GET", "api/users/{userA}", null, 401, 200, 404, 200),
            new Row("PUT", "api/users/{userA}", "{\"full_name\": \"A. User\"}", 401, 200, 404, 200),
            new Row("PUT", "api/users/{userA}", "{\"role\": \"admin\", \"full_name\": \"x\"}", 401, 403, 404, 200,
                    "{\"role\": \"user\"}"),
            new Row("PUT", "api/users/{userA}", "{\"is_active\": false}", 401, 403, 404, 200, "{\"is_active\": true}"),
            new Row("PUT", "api/users/{userA}", "{\"password\": \"" + PASSWORD + "\"}", 401, 200, 404, 200),
            new Row("DELETE", "api/users/{freshUser}", null, 401, 403, 403, 200),
            new Row("POST", "api/users/{userA}/tokens", "{\"name\": \"ci\"}", 401, 201, 404, 403),
            new Row("GET", "api/users/{userA}/tokens", null, 401, 200, 404, 200),
            new Row("DELETE", "api/users/{userA}/tokens/{freshToken}", null, 401, 200, 404, 200),
            new Row("POST", "api/session", null, 401, 201, 201, 201),
            new Row("GET", "api/session", null, 401, 200, 200, 200),
            // a password caller has no session token to renew or sign out
            new Row("POST", "api/session/renew", null, 401, 403, 403, 403),
            new Row("DELETE", "api/session", null, 401, 403, 403, 403),
            new Row("POST", "api/servers/create", SERVER, 401, 201, 201, 201),
            new Row("POST", "api/servers/", SERVER, 401, 201, 201, 201),
            new Row("GET", "api/servers/", null, 401, 200, 200, 200),
            new Row("GET", "api/servers/{serverA}", null, 401, 200, 404, 200),
            new Row("GET", "api/servers/user/{userA}", null, 401, 200, 404, 200),
            new Row("PUT", "api/servers/{serverA}", "{\"description\": \"primary\"}", 401, 200, 404, 200),
            new Row("POST", "api/servers/{serverA}/check", null, 401, 200, 404, 200),
            new Row("DELETE", "api/servers/{freshServer}", null, 401, 200, 404, 200),
            new Row("GET", "api/scheduler/reports", null, 401, 200, 200, 200),
            new Row("GET", "api/scheduler/reports/{report}", null, 401, 200, 404, 200),
            new Row("GET", "api/admin/backups", null, 401, 403, 403, 200),
            new Row("POST", "api/admin/backups", null, 401, 403, 403, 201),
            new Row("GET", "api/admin/backups/{backup}", null, 401, 403, 403, 200),
            // last: a merge restore of the backup made for these rows takes the objects back to how they were then
            new Row("POST", "api/admin/backups/{backup}/restore", "{\"mode\": \"merge\"}", 401, 403, 403, 200));

    /** One call made by user A and by the admin, each signed in with an API token: the status each must get. */
    record TokenRow(String method, String template, String body, int userAToken, int adminToken) {
    }

    static final List<TokenRow> TOKEN_ROWS = List.of(
            new TokenRow("POST", "api/users/", "{\"username\": \"by-token\", \"email\": \"t@example.com\", "
                    + "\"role\": \"admin\", \"password\": \"long-enough-password\"}", 403, 403),
            new TokenRow("PUT", "api/users/{userA}", "{\"role\": \"admin\"}", 403, 403),
            new TokenRow("PUT", "api/users/{userA}", "{\"is_active\": false}", 403, 403),
            new TokenRow("PUT", "api/users/{userA}", "{\"password\": \"taken-over-password-1\"}", 403, 403),
            new TokenRow("PUT", "api/users/{userA}", "{\"full_name\": \"Via Token\", \"role\": \"user\", \"is_active\": true}", 200, 200),
            new TokenRow("POST", "api/users/{userA}/tokens", "{\"name\": \"more\"}", 403, 403),
            new TokenRow("GET", "api/users/{userA}/tokens", null, 200, 200),
            new TokenRow("DELETE", "api/users/{userA}/tokens/{freshToken}", null, 200, 200),
            new TokenRow("DELETE", "api/users/{freshUser}", null, 403, 200),
            new TokenRow("POST", "api/session", null, 403, 403),
            new TokenRow("GET", "api/session", null, 200, 200),
            new TokenRow("POST", "api/session/renew", null, 403, 403),
            new TokenRow("POST", "api/scheduler/jobs", JOB, 201, 201));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void every_endpoint_answers_each_caller_as_the_table_says() {
        var world = new World();
        List<String> wrong = new ArrayList<>();
        for (Row row : ROWS) {
            for (Who who : Who.values()) {
                String path = world.fill(row.template());
                String body = row.body() == null ? null : world.fill(row.body());
                var reply = world.apis.get(who).send(row.method(), path, body);
                if (reply.status() != row.expected(who)) {
                    wrong.add("%s %s as %s: expected %d, got %d %s".formatted(row.method(), row.template(), who,
                            row.expected(who), reply.status(), reply.text()));
                }
                if (who == Who.ANONYMOUS && reply.status() == 401) {
                    assertThat(reply.challenge()).as("WWW-Authenticate on " + path).contains("Basic").contains("Bearer");
                }
                if (row.method().equals("PATCH") && row.template().endsWith("/pause") && reply.status() == 200) {
                    world.admin.patch("api/scheduler/jobs/" + world.jobA + "/resume");
                }
                if (row.undo() != null) {
                    assertThat(world.admin.put(path, row.undo()).status()).isEqualTo(200);
                }
            }
        }
        assertThat(wrong).isEmpty();

        var b = world.apis.get(Who.USER_B);
        assertThat(b.get("api/scheduler/jobs?page_size=500").text()).doesNotContain(world.jobA).doesNotContain(world.userA);
        assertThat(b.get("api/scheduler/executions?page_size=500").text()).doesNotContain(world.executionA);
        assertThat(b.get("api/servers/?page_size=500").text()).doesNotContain(world.serverA);
        assertThat(b.get("api/users/").json().getJsonArray("data")).hasSize(1);
        assertThat(b.get("api/users/").text()).doesNotContain(world.userA);
        assertThat(b.get("api/scheduler/dashboard/upcoming?limit=50").text()).doesNotContain(world.jobA);
        assertThat(b.get("api/scheduler/dashboard/slowest?limit=50").text()).doesNotContain(world.jobA);
        assertThat(b.get("api/scheduler/stats").json().getJsonObject("stats").getInt("total_jobs"))
                .as("B's stats count B's jobs only").isEqualTo(b.get("api/scheduler/jobs").json().getInt("total"));
    }

    @Test
    void account_administration_and_token_minting_need_the_password_not_an_api_token() {
        var world = new World();
        var anonymous = world.apis.get(Who.ANONYMOUS);
        String adminId = world.admin.get("api/users/?role=admin&page_size=500").json().getJsonArray("data").stream()
                .map(v -> v.asJsonObject()).filter(u -> u.getString("username").equals("admin"))
                .findFirst().orElseThrow().getString("id");
        Map<String, Api> callers = Map.of(
                "user A's token", anonymous.withToken(mint(world.apis.get(Who.USER_A), world.userA)),
                "the admin's token", anonymous.withToken(mint(world.admin, adminId)));
        List<String> wrong = new ArrayList<>();
        for (TokenRow row : TOKEN_ROWS) {
            for (var caller : callers.entrySet()) {
                boolean admin = caller.getKey().startsWith("the admin");
                int expected = admin ? row.adminToken() : row.userAToken();
                String body = row.body() == null ? null : world.fill(row.body());
                var reply = caller.getValue().send(row.method(), world.fill(row.template()), body);
                if (reply.status() != expected) {
                    wrong.add("%s %s with %s: expected %d, got %d %s".formatted(row.method(), row.template(),
                            caller.getKey(), expected, reply.status(), reply.text()));
                }
            }
        }
        assertThat(wrong).isEmpty();

        var refused = callers.get("the admin's token").post("api/users/", TOKEN_ROWS.getFirst().body());
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().getString("detail"))
                .isEqualTo("account administration (creating a user) needs HTTP Basic with your password, not an API token");
        var forOther = world.admin.post("api/users/" + world.userA + "/tokens", "{\"name\": \"for-a\"}");
        assertThat(forOther.json().getString("detail")).startsWith("API tokens are created by their owner only");
    }

    /** A new API token of the user, minted by that user signed in with their password. */
    private static String mint(Api owner, String userId) {
        var reply = owner.post("api/users/" + userId + "/tokens", "{\"name\": \"matrix-token\"}");
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().getString("token");
    }

    @Test
    void a_path_spelled_differently_still_needs_credentials() {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        for (String path : List.of("/api/scheduler/available-jobs", "api//scheduler/available-jobs",
                "api/./scheduler/available-jobs", "API/scheduler/available-jobs", "api/scheduler/../scheduler/available-jobs")) {
            var reply = new Api(URI.create(root)).send("GET", root + path, null);
            assertThat(reply.status()).as(path + " -> " + reply.text()).isNotEqualTo(200);
        }
    }

    @Test
    void every_documented_endpoint_has_a_row() {
        var root = new Api(URI.create(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + "/"));
        Set<String> documented = documentedOperations(root.get("openapi").text());
        Set<String> covered = new LinkedHashSet<>();
        Function<String, String> normalise = template -> "/" + template.replaceAll("\\?.*$", "")
                .replaceAll("\\{[^}]+}", "{}").replaceAll("/$", "");
        ROWS.forEach(row -> covered.add(row.method() + " " + normalise.apply(row.template())));
        assertThat(covered).containsAll(documented);
    }

    /** "METHOD /path" for each operation in the OpenAPI YAML, path parameters written as {}. */
    static Set<String> documentedOperations(String yaml) {
        Set<String> operations = new LinkedHashSet<>();
        String path = null;
        Pattern pathLine = Pattern.compile("^  (/[^:]*):\\s*$");
        Pattern methodLine = Pattern.compile("^    (get|put|post|delete|patch):\\s*$");
        for (String line : yaml.split("\n")) {
            Matcher p = pathLine.matcher(line);
            if (p.matches()) {
                path = p.group(1).replaceAll("\\{[^}]+}", "{}").replaceAll("/$", "");
                continue;
            }
            Matcher m = methodLine.matcher(line);
            if (m.matches() && path != null) {
                operations.add(m.group(1).toUpperCase() + " " + path);
            }
        }
        return operations;
    }

    static Stream<Row> rows() {
        return ROWS.stream();
    }
}
