package io.texium.scheduler.servers.control;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.audit.control.Auditable;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.Page;
import io.texium.scheduler.platform.PageRequest;
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
    Event<ServerEvent> events;

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
