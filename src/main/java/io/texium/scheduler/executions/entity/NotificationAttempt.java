package io.texium.scheduler.executions.entity;

import java.time.Instant;

/**
 * One attempt to tell someone that an execution ended: by {@code email} or {@code webhook}, to a target as shown
 * (a webhook URL masked after its host), whether it went through, and why not.
 */
public record NotificationAttempt(String channel, String target, boolean ok, String error, Instant at) {
}
