package io.texium.scheduler.access;

import io.texium.scheduler.problems.ForbiddenException;
import io.texium.scheduler.problems.NotFoundException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/**
 * Who is calling, and the isolation rules every feature applies: a {@code user} reaches only what they own,
 * an {@code admin} everything. Another user's object answers 404, so its existence is not revealed;
 * naming another user as owner answers 403.
 */
@RequestScoped
public class Caller {

    public static final String ADMIN = "admin";
    public static final String USER = "user";
    /** The actor of what happens outside a signed-in request: start-up, timers. */
    public static final String SYSTEM = "system";

    /** The actor of what an administrator does through the server's JMX access (the timers MBean). */
    public static final String JMX = "jmx";

    /** The administrator acting on this thread outside any HTTP request (JMX), set by {@link #actingAs}. */
    private static final ThreadLocal<Actor> TRUSTED = new ThreadLocal<>();

    /** The request attributes the authentication mechanism sets for this class to read. */
    public static final String ROLE_ATTRIBUTE = "io.texium.scheduler.role";
    public static final String NAME_ATTRIBUTE = "io.texium.scheduler.username";
    /** Whether the caller signed in with an API token rather than a password. */
    public static final String TOKEN_ATTRIBUTE = "io.texium.scheduler.token";

    @Inject
    SecurityContext security;

    @Inject
    HttpServletRequest request;

    /**
     * Runs {@code work} on this thread as {@code actor} with an administrator's rights: for callers whom the server
     * authenticated itself (JMX), who reach the same control code as the API. A request context must be active.
     */
    public static <T> T actingAs(Actor actor, java.util.function.Supplier<T> work) {
        Actor before = TRUSTED.get();
        TRUSTED.set(actor);
        try {
            return work.get();
        } finally {
            if (before == null) {
                TRUSTED.remove();
            } else {
                TRUSTED.set(before);
            }
        }
    }

    /** The caller's user id (the principal name the authentication mechanism sets). */
    public String id() {
        Actor trusted = TRUSTED.get();
        if (trusted != null) {
            return trusted.id();
        }
        Principal principal = security.getCallerPrincipal();
        if (principal == null) {
            throw new ForbiddenException("not authenticated");
        }
        return principal.getName();
    }

    /**
     * Who acts, for records such as the audit log: the caller's id and username, or {@value #SYSTEM} (twice)
     * outside a signed-in request.
     */
    public Actor actor() {
        Actor trusted = TRUSTED.get();
        if (trusted != null) {
            return trusted;
        }
        try {
            return new Actor(id(), (String) request.getAttribute(NAME_ATTRIBUTE));
        } catch (RuntimeException noRequest) {
            // no request context (start-up, timers, background threads) or nobody signed in
            return Actor.SYSTEM_ACTOR;
        }
    }

    /** The id and the username of whoever makes a change. */
    public record Actor(String id, String name) {
        public static final Actor SYSTEM_ACTOR = new Actor(SYSTEM, SYSTEM);
        public static final Actor JMX_ACTOR = new Actor(JMX, JMX);
    }

    public boolean admin() {
        if (TRUSTED.get() != null) {
            return true;
        }
        return ADMIN.equals(request.getAttribute(ROLE_ATTRIBUTE));
    }

    /** Whether the caller signed in with an API token: such a caller may not change the password or mint tokens. */
    public boolean viaToken() {
        if (TRUSTED.get() != null) {
            return false;
        }
        return Boolean.TRUE.equals(request.getAttribute(TOKEN_ATTRIBUTE));
    }

    /** 403 for a caller signed in with a token: a leaked token must not be able to take over the account. */
    public void requirePassword(String what) {
        if (viaToken()) {
            throw new ForbiddenException(what + " needs HTTP Basic with your password, not an API token");
        }
    }

    public void requireAdmin() {
        if (!admin()) {
            throw new ForbiddenException("only an admin may do this");
        }
    }

    /**
     * The owner a request acts for: the caller when none is named; the named user when that is the caller
     * or the caller is an admin; otherwise 403.
     */
    public String ownerFor(String requestedUserId) {
        if (requestedUserId == null) {
            return id();
        }
        if (admin() || requestedUserId.equals(id())) {
            return requestedUserId;
        }
        throw new ForbiddenException("user_id must be your own id (" + id() + ")");
    }

    /** For list filters: an admin may filter by any user (or none); a user always sees their own. */
    public String scopeFor(String requestedUserId) {
        if (admin()) {
            return requestedUserId;
        }
        return ownerFor(requestedUserId);
    }

    /** 404 unless the caller owns the object or is an admin. */
    public void requireVisible(String ownerId, String what, String id) {
        if (!admin() && !id().equals(ownerId)) {
            throw new NotFoundException(what, id);
        }
    }
}
