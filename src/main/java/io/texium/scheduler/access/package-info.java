/**
 * Who is calling and what they may reach: the caller's id, name and role, whether they signed in with a password
 * or a token, and the isolation rules every feature applies (a user reaches what they own, an admin everything).
 * Authentication ({@code security}) fills it in per request; every feature reads it; it depends on no feature.
 */
package io.texium.scheduler.access;
