package io.texium.scheduler.builtin.serverhealth;

import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.jobs.spi.JobContext;
import io.texium.scheduler.jobs.spi.JobDefinition;
import io.texium.scheduler.jobs.spi.ScheduledJob;
import io.texium.scheduler.servers.control.ServerChecks;
import io.texium.scheduler.servers.control.ServerQueries;
import io.texium.scheduler.servers.control.ServerRepository;
import io.texium.scheduler.servers.entity.Server;
import io.texium.scheduler.servers.entity.ServerStatus;
import io.texium.scheduler.users.control.Users;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the job owner's servers (or those listed that the owner may see; an admin's job may list anyone's) by
 * each server's stored check, records what it found on every server, and outputs a summary.
 */
@Dependent
@JobDefinition(value = "jobs.server_health.ServerHealthCheckJob", name = "ServerHealthCheck",
        description = "Checks servers by their stored check (HTTP(S) GET up on 2xx/3xx, or TCP connect), records each one's "
                + "status, latency and error, and outputs a summary; optionally fails when any is down.",
        arguments = {
                @JobDefinition.Argument(name = "server_ids", type = Arguments.STRINGS,
                        description = "The servers to check, by id; none: all of the job owner's servers."),
                @JobDefinition.Argument(name = "timeout_seconds", type = Arguments.INTEGER, defaultValue = "5", min = 1, max = ServerHealthCheckJob.MAX_TIMEOUT_SECONDS,
                        description = "The limit for each server's check: 1 to 60 seconds."),
                @JobDefinition.Argument(name = "fail_on_down", type = Arguments.BOOLEAN, defaultValue = "false",
                        description = "Fail the run when a server is down (or a listed one is not found).")},
        exampleKwargs = "{\"timeout_seconds\": 5, \"fail_on_down\": true}",
        notes = {
                "Output: {\"checked\", \"up\", \"down\", \"not_found\": [ids], \"servers\": [{\"server_id\", \"name\", \"status\", "
                        + "\"latency_ms\", \"error\", \"checked_at\"}]}. A server without a check is listed as unknown and not checked.",
                "A listed id that is unknown, or another user's when the job's owner is not an admin, is reported in not_found.",
                "Checks run concurrently (8 at a time) through the same address guard as Webhook: loopback, link-local and private "
                        + "addresses are down with the reason as error unless texium.webhook.allowed-hosts lists them."})
public class ServerHealthCheckJob implements ScheduledJob {

    static final int MAX_TIMEOUT_SECONDS = 60;
    static final int MAX_SERVERS = 500;
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{24}");

    @Inject
    ServerQueries queries;

    @Inject
    ServerRepository repository;

    @Inject
    ServerChecks checks;

    @Inject
    Users users;

    @Override
    public List<Arguments.Problem> check(Arguments arguments) {
        List<Arguments.Problem> problems = new ArrayList<>();
        List<String> ids = arguments.strings("server_ids");
        if (ids.size() > MAX_SERVERS) {
            problems.add(arguments.problem("server_ids", "must list at most " + MAX_SERVERS + " servers"));
        }
        ids.stream().filter(id -> !ID.matcher(id).matches()).findFirst().ifPresent(id ->
                problems.add(arguments.problem("server_ids", "must hold server ids (24 hex digits), not '" + id + "'")));
        return problems;
    }

    @Override
    public Object run(JobContext context) throws Exception {
        Arguments arguments = context.arguments();
        Duration timeout = Duration.ofSeconds(Math.clamp(arguments.integer("timeout_seconds", 5), 1, MAX_TIMEOUT_SECONDS));
        boolean failOnDown = arguments.bool("fail_on_down", false);
        List<String> ids = arguments.strings("server_ids");

        List<Server> servers = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        if (ids.isEmpty()) {
            servers.addAll(queries.of(context.userId()));
        } else {
            boolean admin = users.isAdmin(context.userId());
            for (String id : ids.stream().distinct().toList()) {
                Optional<Server> server = ID.matcher(id).matches() ? repository.findById(id.toLowerCase(Locale.ROOT)) : Optional.empty();
                server.filter(s -> admin || context.userId().equals(s.userId())).ifPresentOrElse(servers::add, () -> notFound.add(id));
            }
        }
        List<Server> checkable = servers.stream().filter(s -> s.check() != null).toList();
        List<Server> checked = checks.checkAll(checkable, timeout);

        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> downs = new ArrayList<>();
        for (Server server : servers) {
            Server result = checked.stream().filter(c -> c.id().equals(server.id())).findFirst().orElse(null);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("server_id", server.id());
            row.put("name", server.name());
            row.put("status", result == null ? ServerStatus.unknown.name() : result.status().name());
            row.put("latency_ms", result == null ? null : result.lastLatencyMs());
            row.put("error", result == null ? "the server has no check" : result.lastError());
            row.put("checked_at", result == null ? null : String.valueOf(result.lastCheckedAt()));
            rows.add(row);
            if (result != null && result.status() == ServerStatus.down) {
                downs.add(server.name() + " (" + result.lastError() + ")");
            }
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("checked", checked.size());
        output.put("up", checked.size() - downs.size());
        output.put("down", downs.size());
        output.put("not_found", notFound);
        output.put("servers", rows);
        if (failOnDown && (!downs.isEmpty() || !notFound.isEmpty())) {
            throw new IllegalStateException(downs.size() + " of " + checked.size() + " servers down"
                    + (downs.isEmpty() ? "" : ": " + String.join(", ", downs))
                    + (notFound.isEmpty() ? "" : "; not found: " + String.join(", ", notFound)));
        }
        return output;
    }
}
