package io.texium.scheduler.servers.boundary;

import io.texium.scheduler.servers.entity.Server;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A server as the API shows it; {@code check} is {@code {"type": "http", "url": ...}} or {@code {"type": "tcp", "host": ..., "port": ...}}. */
public record ServerView(String id, String serverId, String userId, String name, String description, List<String> tags,
                         Map<String, Object> check, String status, Instant lastCheckedAt, Long lastLatencyMs,
                         String lastError, Instant createdAt, Instant updatedAt) {

    static ServerView of(Server s) {
        return new ServerView(s.id(), s.id(), s.userId(), s.name(), s.description(), s.tags(),
                s.check() == null ? null : s.check().toMap(), s.status() == null ? null : s.status().name(),
                s.lastCheckedAt(), s.lastLatencyMs(), s.lastError(), s.createdAt(), s.updatedAt());
    }
}
