package io.texium.scheduler.cluster.control;

/**
 * Another instance is gone: it left ({@code left}, after handing its work back) or its heartbeat stopped. Sent
 * on exactly one surviving instance, which takes over the gone instance's work.
 */
public record InstanceGone(String instanceId, boolean left) {
}
