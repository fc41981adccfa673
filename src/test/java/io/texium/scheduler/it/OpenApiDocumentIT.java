package io.texium.scheduler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document at {@code /openapi} as tools read it, checked without node: what Redocly's recommended rules
 * call errors (security, unique operationIds, the server URL) and what a generated client needs (the contract's
 * operationIds, both security schemes, each tag once, every operation's problem answers); and the copy that the test
 * build generates its client from ({@code src/test/resources/openapi/texium-scheduler.json}) equal to the live one.
 */
class OpenApiDocumentIT extends OnSharedServer {

    static final Path COPY = Path.of("src/test/resources/openapi/texium-scheduler.json");
    static final Path LIVE_COPY = Path.of("target/openapi/texium-scheduler.json");
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    /** The operationIds every helper agreed on for issue 12: "METHOD path" -> operationId. */
    static final Map<String, String> CONTRACT = contract("""
            createJob POST /api/scheduler/jobs
            listJobs GET /api/scheduler/jobs
            getJob GET /api/scheduler/jobs/{job_id}
            updateJob PUT /api/scheduler/jobs/{job_id}
            deleteJob DELETE /api/scheduler/jobs/{job_id}
            pauseJob PATCH /api/scheduler/jobs/{job_id}/pause
            resumeJob PATCH /api/scheduler/jobs/{job_id}/resume
            runJob POST /api/scheduler/jobs/{job_id}/run
            listUserJobs GET /api/scheduler/users/{user_id}/jobs
            listAvailableJobs GET /api/scheduler/available-jobs
            previewSchedule POST /api/scheduler/schedules/preview
            listExecutions GET /api/scheduler/executions
            getExecution GET /api/scheduler/executions/{execution_id}
            cancelExecution POST /api/scheduler/executions/{execution_id}/cancel
            listTimers GET /api/scheduler/timers
            rearmTimer POST /api/scheduler/timers/{job_id}/rearm
            reconcileTimers POST /api/scheduler/timers/reconcile
            getDashboardSummary GET /api/scheduler/dashboard/summary
            getExecutionsPerHour GET /api/scheduler/dashboard/hourly
            getFireLag GET /api/scheduler/dashboard/lag
            listSlowestJobs GET /api/scheduler/dashboard/slowest
            listUpcomingRuns GET /api/scheduler/dashboard/upcoming
            listFailingJobs GET /api/scheduler/dashboard/failing
            getStats GET /api/scheduler/stats
            listAuditEvents GET /api/scheduler/audit
            getSchedulerHealth GET /api/scheduler/health
            getMetrics GET /api/scheduler/metrics
            getMetricsHistory GET /api/scheduler/metrics/history
            listInstances GET /api/scheduler/instances
            listReports GET /api/scheduler/reports
            downloadReport GET /api/scheduler/reports/{name}
            listBackups GET /api/admin/backups
            createBackup POST /api/admin/backups
            downloadBackup GET /api/admin/backups/{name}
            restoreBackup POST /api/admin/backups/{name}/restore
            createUser POST /api/users
            listUsers GET /api/users
            getUser GET /api/users/{user_id}
            updateUser PUT /api/users/{user_id}
            deleteUser DELETE /api/users/{user_id}
            createToken POST /api/users/{user_id}/tokens
            listTokens GET /api/users/{user_id}/tokens
            revokeToken DELETE /api/users/{user_id}/tokens/{token_id}
            createSession POST /api/session
            getSession GET /api/session
            renewSession POST /api/session/renew
            deleteSession DELETE /api/session
            createServer POST /api/servers
            createServerAtLegacyPath POST /api/servers/create
            listServers GET /api/servers
            listUserServers GET /api/servers/user/{user_id}
            getServer GET /api/servers/{server_id}
            updateServer PUT /api/servers/{server_id}
            checkServer POST /api/servers/{server_id}/check
            deleteServer DELETE /api/servers/{server_id}
            """);

    JsonObject document;

    @BeforeEach
    void read() {
        var reply = api.get("openapi?format=JSON");
        assertThat(reply.status()).isEqualTo(200);
        document = reply.json();
    }

    @Test
    void every_operation_has_the_contracts_unique_operation_id() {
        List<String> ids = new ArrayList<>();
        Map<String, String> found = new LinkedHashMap<>();
        operations((key, operation) -> {
            String id = operation.getString("operationId", "");
            ids.add(id);
            found.put(key, id);
        });
        assertThat(ids).hasSizeGreaterThan(40).doesNotContain("").doesNotHaveDuplicates();
        Map<String, String> expected = new LinkedHashMap<>();
        found.keySet().forEach(key -> expected.put(key, CONTRACT.get(key)));
        assertThat(found).as("operationIds by method and path (the contract's; a new operation joins CONTRACT)")
                .isEqualTo(expected);
    }

    @Test
    void basic_and_bearer_are_declared_and_every_operation_needs_one() {
        JsonObject schemes = document.getJsonObject("components").getJsonObject("securitySchemes");
        assertThat(schemes.values()).extracting(s -> s.asJsonObject().getString("type") + "/" + s.asJsonObject().getString("scheme"))
                .contains("http/basic", "http/bearer");
        var global = document.getJsonArray("security");
        List<String> open = new ArrayList<>();
        operations((key, operation) -> {
            var security = operation.containsKey("security") ? operation.getJsonArray("security") : global;
            if (security == null || security.isEmpty()) {
                open.add(key);
                return;
            }
            security.forEach(requirement -> assertThat(schemes.keySet()).as(key).containsAll(requirement.asJsonObject().keySet()));
        });
        assertThat(open).as("operations that need no credentials (none is public under /api)").isEmpty();
    }

    @Test
    void each_tag_is_declared_once_with_a_description_and_the_server_is_the_one_serving_the_document() {
        List<String> names = document.getJsonArray("tags").stream().map(t -> t.asJsonObject().getString("name")).toList();
        Set<String> used = new TreeSet<>();
        operations((key, operation) -> operation.getJsonArray("tags").forEach(t -> used.add(((jakarta.json.JsonString) t).getString())));
        assertSoftly(s -> {
            s.assertThat(names).doesNotHaveDuplicates().containsAll(used);
            document.getJsonArray("tags").forEach(t -> s.assertThat(t.asJsonObject().getString("description", ""))
                    .as("description of tag " + t.asJsonObject().getString("name")).isNotBlank());
            s.assertThat(document.getJsonArray("servers").stream().map(server -> server.asJsonObject().getString("url")))
                    .as("one relative server URL: the same server that serves the document").containsExactly("/");
        });
    }

    @Test
    void every_operation_documents_its_problem_answers() {
        Map<String, Set<String>> codes = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        operations((key, operation) -> {
            JsonObject responses = operation.getJsonObject("responses");
            codes.put(key, responses.keySet());
            if (responses.keySet().stream().noneMatch(c -> c.startsWith("4"))) {
                failures.add(key + " has no 4xx answer");
            }
            if (!responses.containsKey("401")) {
                failures.add(key + " does not document 401");
            }
            responses.forEach((code, response) -> {
                JsonObject resolved = resolve(response.asJsonObject());
                if (code.startsWith("4") && !resolved.getJsonObject("content").containsKey("application/problem+json")) {
                    failures.add(key + " " + code + " is not application/problem+json");
                }
            });
            boolean idInPath = key.contains("{");
            if (idInPath && !responses.containsKey("404")) {
                failures.add(key + " has an id in its path but no 404");
            }
            if (operation.containsKey("requestBody") && !responses.containsKey("400")) {
                failures.add(key + " takes a body but documents no 400");
            }
        });
        // what the authorisation matrix sees an endpoint answer, its operation documents
        BiConsumer<String, Integer> answers = (row, status) -> {
            Set<String> documented = codes.entrySet().stream().filter(e -> normalised(e.getKey()).equals(row))
                    .findFirst().map(Map.Entry::getValue).orElse(Set.of());
            if (status >= 400 && !documented.isEmpty() && !documented.contains(String.valueOf(status))) {
                failures.add(row + " answers " + status + " in AuthorizationMatrixIT but does not document it");
            }
        };
        AuthorizationMatrixIT.ROWS.forEach(row -> {
            String key = row.method() + " " + normalised("/" + row.template());
            for (int status : new int[] {row.userA(), row.userB(), row.admin()}) {
                answers.accept(key, status);
            }
        });
        AuthorizationMatrixIT.TOKEN_ROWS.forEach(row -> {
            String key = row.method() + " " + normalised("/" + row.template());
            answers.accept(key, row.userAToken());
            answers.accept(key, row.adminToken());
        });
        assertThat(failures).isEmpty();
    }

    /**
     * The test build generates its client from a copy of this document: the copy must say what the server says. On a
     * difference the live document is in {@code target/openapi/}; copy it over the checked-in one and rebuild.
     */
    @Test
    void the_checked_in_copy_the_client_is_generated_from_is_the_live_document() throws Exception {
        JsonObject live = document;
        Files.createDirectories(LIVE_COPY.getParent());
        Files.writeString(LIVE_COPY, pretty(sorted(live)), StandardCharsets.UTF_8);
        JsonObject copy;
        try (var reader = Json.createReader(new StringReader(Files.readString(COPY)))) {
            copy = reader.readObject();
        }
        // compared as a boolean: a failure names the command, not two copies of a 300 KB document
        assertThat(copy.equals(live)).as("the checked-in " + COPY + " differs from /openapi: cp " + LIVE_COPY + " " + COPY).isTrue();
    }

    /**
     * The value with every object's keys in order (Payara lists a path's methods in no fixed order), so that the copy
     * changes only where the API does.
     */
    static JsonValue sorted(JsonValue value) {
        if (value instanceof JsonObject object) {
            var builder = Json.createObjectBuilder();
            new TreeSet<>(object.keySet()).forEach(key -> builder.add(key, sorted(object.get(key))));
            return builder.build();
        }
        if (value instanceof jakarta.json.JsonArray array) {
            var builder = Json.createArrayBuilder();
            array.forEach(item -> builder.add(sorted(item)));
            return builder.build();
        }
        return value;
    }

    static String pretty(JsonValue value) {
        var out = new StringWriter();
        try (var writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.write(value);
        }
        return out.toString().strip() + "\n";
    }

    /** A response, or the shared one it points at. */
    JsonObject resolve(JsonObject response) {
        if (!response.containsKey("$ref")) {
            return response;
        }
        String name = response.getString("$ref").substring("#/components/responses/".length());
        return document.getJsonObject("components").getJsonObject("responses").getJsonObject(name);
    }

    /** Each operation as "METHOD /path" and its object. */
    void operations(BiConsumer<String, JsonObject> each) {
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, operation) -> {
            if (METHODS.contains(method)) {
                each.accept(method.toUpperCase() + " " + path, operation.asJsonObject());
            }
        }));
    }

    /** A path or "METHOD path" with its parameters written as {}, without query or trailing slash. */
    static String normalised(String path) {
        return path.replaceAll("\\?.*$", "").replaceAll("\\{[^}]+}", "{}").replaceAll("/$", "");
    }

    private static Map<String, String> contract(String table) {
        Map<String, String> byOperation = new LinkedHashMap<>();
        Set<String> ids = new LinkedHashSet<>();
        table.lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(line -> {
            String[] parts = line.split(" ");
            byOperation.put(parts[1] + " " + parts[2], parts[0]);
            ids.add(parts[0]);
        });
        if (ids.size() != byOperation.size()) {
            throw new IllegalStateException("an operationId twice in the contract");
        }
        return byOperation;
    }
}
