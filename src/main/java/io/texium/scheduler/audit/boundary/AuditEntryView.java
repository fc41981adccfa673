package io.texium.scheduler.audit.boundary;

import io.texium.scheduler.audit.entity.AuditEntry;
import io.texium.scheduler.platform.JsonValues;
import jakarta.json.Json;
import jakarta.json.JsonException;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;

/** An audit entry as the API shows it: {@code changes} is {@code {"field": {"old": ..., "new": ...}}}. */
public record AuditEntryView(String id, String event, String targetType, String targetId, String targetName,
                             String ownerId, String jobId, String actor, String actorName, Instant time,
                             Map<String, Object> changes) {

    static AuditEntryView of(AuditEntry e) {
        return new AuditEntryView(e.id(), e.event(), e.targetType(), e.targetId(), e.targetName(), e.ownerId(),
                e.jobId(), e.actor(), e.actorName(), e.time(), changes(e.changesJson()));
    }

    static Map<String, Object> changes(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try (var reader = Json.createReader(new StringReader(json))) {
            return JsonValues.map(reader.readObject());
        } catch (JsonException | IllegalStateException e) {
            // written by us, so this is damage: show the entry without its changes rather than fail the list
            return Map.of();
        }
    }
}
