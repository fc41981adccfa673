package io.texium.scheduler.users.control;

/**
 * An admin set another user's password, fired by {@link Users} before the new password is stored: whoever holds
 * that user's API tokens loses them (the security feature revokes them, each revocation audited), so a reset after
 * a suspected compromise leaves the intruder nothing. A failure half-way leaves the user with fewer tokens and the
 * old password, never with a new password and the old tokens.
 */
public record PasswordReset(String userId) {
}
