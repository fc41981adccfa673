package io.texium.scheduler.servers.control;

import io.texium.scheduler.audit.control.AuditLog;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.Page;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.problems.InvalidRequestException;
import io.texium.scheduler.problems.NotFoundException;
import io.texium.scheduler.security.control.Caller;
import io.texium.scheduler.users.control.Users;
import io.texium.scheduler.servers.entity.Server;
import io.texium.scheduler.servers.entity.ServerCheck;
import io.texium.scheduler.servers.entity.ServerStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Creates, changes and removes servers under the rights of the caller, as for jobs: a user reaches only their
 * own servers (another's answers 404), an admin all; naming another owner takes an admin (403 otherwise).
 * Every change is audited.
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
    AuditLog audit;

    @Inject
    Clock clock;

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
        if (server.name() == null) {
            throw new InvalidRequestException("name", "is required");
        }
        server.userId(users.existingId("user_id", caller.ownerFor(request.userId()))).updatedAt(now);
        repository.insert(server);
        audit.record("server_added", "server", server.id(), server.name(), server.userId(),
                AuditLog.diff(null, snapshot(server)));
        return server;
    }

    /** Partial: only the fields given change. A new check makes the status unknown until it has run. */
    public Server update(String serverId, ServerRequest request) {
        Server server = find(serverId);
        Map<String, Object> before = snapshot(server);
        ServerCheck previousCheck = server.check();
        request.applyTo(server);
        if (request.userId() != null) {
            server.userId(users.existingId("user_id", caller.ownerFor(request.userId())));
        }
        if (!Objects.equals(previousCheck, server.check())) {
            server.status(ServerStatus.unknown).lastCheckedAt(null).lastLatencyMs(null).lastError(null);
        }
        server.updatedAt(clock.instant());
        repository.update(server);
        var changes = AuditLog.diff(before, snapshot(server));
        if (!changes.isEmpty()) {
            audit.record("server_modified", "server", server.id(), server.name(), server.userId(), changes);
        }
        return server;
    }

    public Server delete(String serverId) {
        Server server = find(serverId);
        repository.deleteById(server.id());
        audit.record("server_deleted", "server", server.id(), server.name(), server.userId(),
                AuditLog.diff(snapshot(server), null));
        return server;
    }

    /** How many servers the user owns (for deleting a user). No rights are checked: the caller does that. */
    public long countOf(String userId) {
        return queries.count(userId);
    }

    /** Deletes every server of the user, each one audited, and answers how many went. No rights are checked here. */
    public long deleteAllOf(String userId) {
        List<Server> owned = queries.of(userId);
        for (Server server : owned) {
            repository.deleteById(server.id());
            audit.record("server_deleted", "server", server.id(), server.name(), server.userId(),
                    AuditLog.diff(snapshot(server), null));
        }
        return owned.size() + queries.deleteAll(userId);
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
