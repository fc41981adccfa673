package io.texium.scheduler.users.control;

import io.texium.scheduler.audit.control.Auditable;
import io.texium.scheduler.users.entity.User;
import java.util.Locale;
import java.util.Map;

/** A user added, changed or deleted, fired synchronously by {@link Users} before the change is written. */
public record UserEvent(Kind kind, User user, Map<String, Change> changes) implements Auditable {

    public enum Kind { ADDED, MODIFIED, DELETED }

    @Override
    public String event() {
        return "user_" + kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String targetType() {
        return "user";
    }

    @Override
    public String targetId() {
        return user.id();
    }

    @Override
    public String targetName() {
        return user.username();
    }

    /** A user's own record: they see its entries. */
    @Override
    public String ownerId() {
        return user.id();
    }
}
