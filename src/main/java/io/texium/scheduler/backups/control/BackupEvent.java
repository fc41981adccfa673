package io.texium.scheduler.backups.control;

import io.texium.scheduler.audit.control.Auditable;
import java.util.Locale;
import java.util.Map;

/**
 * A backup made, downloaded or restored, for the audit log. Backups are the administrators' business: the entries
 * have no owner, so only administrators see them.
 */
public record BackupEvent(Kind kind, String name, Map<String, Change> changes) implements Auditable {

    public enum Kind { CREATED, DOWNLOADED, RESTORED }

    @Override
    public String event() {
        return "backup_" + kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String targetType() {
        return "backup";
    }

    @Override
    public String targetId() {
        return name;
    }

    @Override
    public String targetName() {
        return name;
    }

    @Override
    public String ownerId() {
        return null;
    }
}
