package io.texium.scheduler.audit.control;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.audit.control.Auditable.Change;
import io.texium.scheduler.audit.entity.AuditEntry;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.JsonbSettings;
import io.texium.scheduler.problems.UnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Records who changed what in {@code scheduler_audit}. The actor and the time are taken here, from the
 * caller and the clock; secrets (any key naming a password, token, secret or hash, at any depth) never reach
 * the log: their values show as {@value #MASK}.
 */
@ApplicationScoped
public class AuditLog {

    public static final String MASK = "***";

    public static final Set<String> EVENTS = Set.of(
            "added", "modified", "deleted", "paused", "resumed", "custom_run",
            "user_added", "user_modified", "user_deleted",
            "server_added", "server_modified", "server_deleted", "server_checked",
            "token_created", "token_revoked",
            "backup_created", "backup_downloaded", "backup_restored",
            "execution_cancelled",
            "signed_in", "session_renewed", "signed_out",
            "timer_rearmed", "timers_reconciled");
    public static final Set<String> TARGET_TYPES = Set.of("job", "user", "server", "token", "backup", "execution",
            "instance");

    private static final List<String> SECRET_WORDS = List.of("password", "token", "secret", "hash");

    @Inject
    AuditRepository repository;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    /**
     * Writes the entry for a change a feature announces, synchronously, in the thread that makes the change, before
     * the feature applies it. An entry that cannot be written refuses the change (503): no change goes unrecorded.
     */
    void on(@Observes Auditable change) {
        record(change.event(), change.targetType(), change.targetId(), change.targetName(), change.ownerId(),
                change.jobId(), change.changes());
    }

    private void record(String event, String targetType, String targetId, String targetName, String ownerId,
                        String jobId, Map<String, Change> changes) {
        if (!EVENTS.contains(event) || !TARGET_TYPES.contains(targetType)) {
            throw new IllegalArgumentException("unknown audit event '" + event + "' or target type '" + targetType + "'");
        }
        Caller.Actor actor = actor();
        var entry = new AuditEntry().id(Ids.newId()).event(event).targetType(targetType).targetId(targetId)
                .targetName(targetName).ownerId(ownerId).jobId(jobId)
                .actor(actor.id()).actorName(actor.name()).time(clock.instant())
                .changesJson(toJson(changes == null ? Map.of() : changes));
        try {
            repository.insert(entry);
        } catch (RuntimeException e) {
            throw new UnavailableException("the audit log cannot record this change now, so it was not made; try again shortly", e);
        }
    }

    /** The caller, or the system outside a request (start-up, timers), where the request-scoped caller does not exist. */
    private Caller.Actor actor() {
        try {
            return caller.actor();
        } catch (ContextNotActiveException noRequest) {
            return Caller.Actor.SYSTEM_ACTOR;
        }
    }

    static boolean secret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    /** The value with secrets masked: itself under a secret key, and any secret key inside maps and lists. */
    static Object masked(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (secret(key)) {
            return MASK;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), masked(String.valueOf(k), v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(masked("", v)));
            return copy;
        }
        return value;
    }

    /** {@code {"field": {"old": ..., "new": ...}}}, masked again in case a caller built the changes by hand. */
    static String toJson(Map<String, Change> changes) {
        Map<String, Object> shown = new LinkedHashMap<>();
        changes.forEach((field, change) -> {
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("old", masked(field, change.oldValue()));
            pair.put("new", masked(field, change.newValue()));
            shown.put(field, pair);
        });
        try {
            return JsonbSettings.jsonb().toJson(shown);
        } catch (RuntimeException e) {
            // a value JSON-B cannot write is still worth recording as text
            shown.replaceAll((field, pair) -> String.valueOf(pair));
            return JsonbSettings.jsonb().toJson(shown);
        }
    }
}
