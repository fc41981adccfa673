package io.texium.scheduler.users.control;

import io.texium.scheduler.users.entity.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The fields of a user a client can change, by their API names: what an audit entry compares. */
final class UserSnapshot {

    /** The fields only an admin may change, also on their own record. */
    static final List<String> ADMIN_ONLY = List.of("username", "role", "is_active");

    private UserSnapshot() {
    }

    /** The hash stands in for the password: it changes with every new password, and the audit log masks it. */
    static Map<String, Object> of(User user) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("username", user.username());
        fields.put("email", user.email());
        fields.put("full_name", user.fullName());
        fields.put("role", user.role());
        fields.put("is_active", user.active());
        fields.put("password", user.passwordHash());
        return fields;
    }

    /**
     * The fields whose change is account administration besides the password (which a snapshot holds only as its
     * hash, known after hashing): they need the caller's password, never an API token.
     */
    static final List<String> ACCOUNT = List.of("role", "is_active");

    /** The first admin-only field that differs between the two snapshots, or null. */
    static String adminOnlyChange(Map<String, Object> before, Map<String, Object> after) {
        return firstChange(ADMIN_ONLY, before, after);
    }

    /** The first of {@link #ACCOUNT} that differs between the two snapshots, or null. */
    static String accountChange(Map<String, Object> before, Map<String, Object> after) {
        return firstChange(ACCOUNT, before, after);
    }

    private static String firstChange(List<String> fields, Map<String, Object> before, Map<String, Object> after) {
        return fields.stream().filter(f -> !Objects.equals(before.get(f), after.get(f))).findFirst().orElse(null);
    }
}
