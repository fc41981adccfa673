package io.texium.scheduler.cluster.control;

/** Something changed on another instance ({@code kind}, e.g. {@code job}, and the object's id): re-read it from the store. */
public record Changed(String kind, String id) {

    /**
     * The kind of the change that a restore made to the whole store (the id names the backup): everything kept in
     * memory from the store is read again (the timers reconciled, the job index and the inactive users reloaded).
     */
    public static final String RESTORED = "restore";

    /**
     * The kind of the change that asks instances to reconcile their timers now (the Maintenance job, the timers API):
     * the id names the instance or {@code all}, then optionally {@code /} and a request id to answer under.
     */
    public static final String RECONCILE = "reconcile";

    /** The kind of the change that asks instances to re-arm a job's timer: the id is {@code <instance or all>/<job id>}. */
    public static final String REARM = "rearm";

    /** The kind of the change that says an instance joined (its timers armed) or left: the owners are read again. */
    public static final String INSTANCES = "instances";

    /**
     * The kind of the request to stop a running execution (the id names it): the instance that runs it ends it
     * {@code cancelled}; the others ignore it.
     */
    public static final String CANCEL = "cancel";

    public boolean restored() {
        return RESTORED.equals(kind);
    }
}
