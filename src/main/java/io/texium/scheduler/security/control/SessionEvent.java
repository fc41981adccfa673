package io.texium.scheduler.security.control;

import io.texium.scheduler.audit.control.Auditable;

/** A console session opened by a password sign-in, renewed, or closed by a sign-out; fired before the change. */
public record SessionEvent(Kind kind, String userId, String username) implements Auditable {

    public enum Kind { SIGNED_IN, RENEWED, SIGNED_OUT }

    @Override
    public String event() {
        return switch (kind) {
            case SIGNED_IN -> "signed_in";
            case RENEWED -> "session_renewed";
            case SIGNED_OUT -> "signed_out";
        };
    }

    @Override
    public String targetType() {
        return "user";
    }

    @Override
    public String targetId() {
        return userId;
    }

    @Override
    public String targetName() {
        return username;
    }

    @Override
    public String ownerId() {
        return userId;
    }
}
