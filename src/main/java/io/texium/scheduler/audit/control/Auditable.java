package io.texium.scheduler.audit.control;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A change that the audit log records. A feature describes its changes as typed CDI events that implement this
 * interface (a job added, a user modified, a token revoked, ...) and fires them synchronously; {@link AuditLog}
 * observes every {@code Auditable} and writes one entry, taking the actor from the request and the time from the
 * clock. The audit package therefore knows no feature, and a new feature gets audited by firing such an event.
 */
public interface Auditable {

    /** One of {@link AuditLog#EVENTS}: {@code added}, {@code user_modified}, {@code token_revoked}, ... */
    String event();

    /** One of {@link AuditLog#TARGET_TYPES}. */
    String targetType();

    String targetId();

    String targetName();

    /** The user whose object it is: that user sees the entry. */
    String ownerId();

    /** The job the change concerns (the job itself, or the job of an execution), for a job's history; else null. */
    default String jobId() {
        return "job".equals(targetType()) ? targetId() : null;
    }

    /** What changed, usually from {@link #diff}; empty when the event says it all. */
    default Map<String, Change> changes() {
        return Map.of();
    }

    /** One field's value before and after; null stands for "absent". */
    record Change(Object oldValue, Object newValue) {
    }

    /**
     * The fields whose values differ, in the order of {@code before} then {@code after}; either map may be null
     * (a creation or a deletion). Values are compared as given, then secrets are masked, so a changed password
     * still shows as a change.
     */
    static Map<String, Change> diff(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> old = before == null ? Map.of() : before;
        Map<String, Object> now = after == null ? Map.of() : after;
        Set<String> keys = new LinkedHashSet<>(old.keySet());
        keys.addAll(now.keySet());
        Map<String, Change> changes = new LinkedHashMap<>();
        for (String key : keys) {
            Object oldValue = old.get(key);
            Object newValue = now.get(key);
            if (!Objects.equals(oldValue, newValue)) {
                changes.put(key, new Change(AuditLog.masked(key, oldValue), AuditLog.masked(key, newValue)));
            }
        }
        return changes;
    }
}
