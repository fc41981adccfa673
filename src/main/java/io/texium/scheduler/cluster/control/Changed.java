package io.texium.scheduler.cluster.control;

/** Something changed on another instance ({@code kind}, e.g. {@code job}, and the object's id): re-read it from the store. */
public record Changed(String kind, String id) {
}
