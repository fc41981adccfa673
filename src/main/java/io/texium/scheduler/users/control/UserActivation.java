package io.texium.scheduler.users.control;

/**
 * A user became inactive or active again, fired on every instance once it knows ({@link InactiveUsers}): the
 * features that act for a user (jobs) stop or resume doing so. Fired after the change is stored.
 */
public record UserActivation(String userId, boolean active) {
}
