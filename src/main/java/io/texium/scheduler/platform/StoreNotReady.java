package io.texium.scheduler.platform;

/**
 * Thrown by an observer of {@link StoreAvailable} when the store answers but may not be used yet (another instance is
 * upgrading its schema, or an upgrade failed). The observers after it do not run, readiness stays DOWN, and the store
 * watch announces the store again a second later; the message is logged once, not as an error.
 */
public class StoreNotReady extends RuntimeException {

    public StoreNotReady(String message) {
        super(message, null, false, false);
    }
}
