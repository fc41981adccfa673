package io.texium.scheduler.servers.control;

import io.texium.scheduler.audit.control.Auditable;
import io.texium.scheduler.servers.entity.Server;
import java.util.Locale;
import java.util.Map;

/**
 * A server added, changed, deleted or checked on request, fired synchronously by {@link Servers} before the change
 * (or the check's result) is written.
 */
public record ServerEvent(Kind kind, Server server, Map<String, Change> changes) implements Auditable {

    public enum Kind { ADDED, MODIFIED, DELETED, CHECKED }

    @Override
    public String event() {
        return "server_" + kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String targetType() {
        return "server";
    }

    @Override
    public String targetId() {
        return server.id();
    }

    @Override
    public String targetName() {
        return server.name();
    }

    @Override
    public String ownerId() {
        return server.userId();
    }
}
