package io.texium.scheduler.users.control;

/**
 * Fired when a user is being deleted, after {@link OwnedByUser} allowed it: every feature deletes what the user
 * owns (each deletion audited by that feature). The user record goes last, once every observer has returned, so a
 * failure half-way leaves the user with less, and a repeat finishes the work.
 */
public record UserRemoval(String userId) {
}
