package io.texium.scheduler.security.control;

import io.texium.scheduler.audit.control.Auditable;
import io.texium.scheduler.security.entity.ApiToken;

/** An API token created or revoked, fired synchronously by {@link ApiTokens} before the change is written. */
public record TokenEvent(Kind kind, ApiToken token) implements Auditable {

    public enum Kind { CREATED, REVOKED }

    @Override
    public String event() {
        return kind == Kind.CREATED ? "token_created" : "token_revoked";
    }

    @Override
    public String targetType() {
        return "token";
    }

    @Override
    public String targetId() {
        return token.id();
    }

    @Override
    public String targetName() {
        return token.name();
    }

    @Override
    public String ownerId() {
        return token.userId();
    }
}
