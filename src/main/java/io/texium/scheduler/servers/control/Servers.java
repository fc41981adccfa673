package io.texium.scheduler.servers.control;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.audit.control.Auditable;
import io.texium.scheduler.guard.OutboundAddresses;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.Page;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.problems.ConflictException;
import io.texium.scheduler.problems.InvalidRequestException;
import io.texium.scheduler.problems.NotFoundException;
import io.texium.scheduler.servers.entity.Server;
import io.texium.scheduler.servers.entity.ServerCheck;
import io.texium.scheduler.servers.entity.ServerStatus;
import io.texium.scheduler.users.control.OwnedByUser;
import io.texium.scheduler.users.control.UserRemoval;
import io.texium.scheduler.users.control.Users;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Creates, changes and removes servers under the rights of the caller, as for jobs: a user reaches only their
 * own servers (another's answers 404), an admin all; naming another owner takes an admin (403 otherwise).
 * Every change is audited, and so is a check run on request.
 */
@ApplicationScoped
public class Servers {

    @Inject
    ServerRepository repository;

    @Inject
    ServerQueries queries;

    @Inject
    Caller caller;

    @Inject
    Users users;

    @Inject
    Event<ServerEvent> events;

    @Inject
    Clock clock;

    @Inject
    ServerChecks checks;

    @Inject
    OutboundAddresses addresses;

    /** How long a check run on request may take. */
    public static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

    /** The server, if the caller may see it; otherwise 404. */
    public Server find(String serverId) {
        Server server = repository.findById(Ids.require("server", serverId))
                .orElseThrow(() -> new NotFoundException("server", serverId));
        caller.requireVisible(server.userId(), "server", serverId);
        return server;
    }

    /** An admin's list may cover everyone; a user's is always their own (naming another user is a 403). */
    public Page<Server> list(String userId, ServerStatus status, String tag, PageRequest page) {
        return queries.list(new ServerQueries.Filter(caller.scopeFor(userId), status, tag), page);
    }

    /** One user's servers; another user's list is not found, unless the caller is an admin. */
    public Page<Server> listOf(String userId, PageRequest page) {
        Ids.require("user", userId);
        caller.requireVisible(userId, "user", userId);
        return queries.list(new ServerQueries.Filter(userId, null, null), page);
    }

    public Server create(ServerRequest request) {
        Instant now = clock.instant();
        Server server = new Server().id(Ids.newId()).tags(List.of()).status(ServerStatus.unknown).createdAt(now);
        request.applyTo(server);
        refuseGuardedTarget(server.check());
        if (server.name() == null) {
            throw new InvalidRequestException("name", "is required");
        }
        server.userId(users.existingId("user_id", caller.ownerFor(request.userId()))).updatedAt(now);
        events.fire(new ServerEvent(ServerEvent.Kind.ADDED, server, Auditable.diff(null, snapshot(server))));
        repository.insert(server);
        return server;
    }

    /** Partial: only the fields given change. A new check makes the status unknown until it has run. */
    public Server update(String serverId, ServerRequest request) {
        Server server = find(serverId);
        Map<String, Object> before = snapshot(server);
        ServerCheck previousCheck = server.check();
        request.applyTo(server);
        if (!Objects.equals(previousCheck, server.check())) {
            refuseGuardedTarget(server.check());
        }
        if (request.userId() != null) {
            server.userId(users.existingId("user_id", caller.ownerFor(request.userId())));
        }
        if (!Objects.equals(previousCheck, server.check())) {
            server.status(ServerStatus.unknown).lastCheckedAt(null).lastLatencyMs(null).lastError(null);
        }
        server.updatedAt(clock.instant());
        var changes = Auditable.diff(before, snapshot(server));
        if (!changes.isEmpty()) {
            events.fire(new ServerEvent(ServerEvent.Kind.MODIFIED, server, changes));
        }
        repository.update(server);
        return server;
    }

    /**
     * Runs the server's check now (at most {@link #CHECK_TIMEOUT}) and records the result; 409 for a server without
     * a check. The check is audited as {@code server_checked} with the status it changed.
     */
    public Server check(String serverId) {
        Server server = find(serverId);
        ServerCheck check = server.check();
        if (check == null) {
            throw new ConflictException("the server has no check to run; give it one with PUT /api/servers/" + server.id());
        }
        Map<String, Object> before = result(server);
        ServerChecks.Outcome outcome = checks.probe(check, CHECK_TIMEOUT);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", outcome.status().name());
        after.put("last_error", outcome.error());
        events.fire(new ServerEvent(ServerEvent.Kind.CHECKED, server, Auditable.diff(before, after)));
        return checks.record(server, check, outcome);
    }

    public Server delete(String serverId) {
        Server server = find(serverId);
        remove(server);
        return server;
    }

    /** Tells a user's deletion how many servers the user owns. */
    void countOwned(@Observes @Priority(200) OwnedByUser owned) {
        owned.report("server", queries.count(owned.userId()));
    }

    /** Deletes every server of a user being deleted, each one audited. */
    void deleteOwned(@Observes @Priority(200) UserRemoval removal) {
        queries.of(removal.userId()).forEach(this::remove);
        queries.deleteAll(removal.userId());
    }

    private void remove(Server server) {
        events.fire(new ServerEvent(ServerEvent.Kind.DELETED, server, Auditable.diff(snapshot(server), null)));
        repository.deleteById(server.id());
    }

    /**
     * A check target that is an IP literal in a range the outbound guard refuses (and not allowed) can never be
     * checked: refused when it is saved. Host names are judged when they are resolved, at check time.
     */
    private void refuseGuardedTarget(ServerCheck check) {
        if (check == null) {
            return;
        }
        String host = ServerCheck.HTTP.equals(check.type()) ? java.net.URI.create(check.url()).getHost() : check.host();
        addresses.refusal(host).ifPresent(reason -> {
            throw new InvalidRequestException(ServerCheck.HTTP.equals(check.type()) ? "check.url" : "check.host",
                    "the host " + reason);
        });
    }

    private static Map<String, Object> result(Server server) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", server.status() == null ? null : server.status().name());
        fields.put("last_error", server.lastError());
        return fields;
    }

    /** The fields a client can change, by their API names: what an audit entry compares. */
    static Map<String, Object> snapshot(Server server) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("user_id", server.userId());
        fields.put("name", server.name());
        fields.put("description", server.description());
        fields.put("tags", server.tags());
        fields.put("check", server.check() == null ? null : server.check().toMap());
        return fields;
    }
}
