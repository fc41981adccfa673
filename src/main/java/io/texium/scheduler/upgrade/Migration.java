package io.texium.scheduler.upgrade;

/**
 * One step of the stored data's schema, from the version before it to {@link #version()}: a CDI bean that
 * {@link SchemaUpgrade} runs once per store, in version order. A step must be safe to run again on data it already
 * changed in part: a failure, a crash or a lost lease repeats it from the start.
 */
public interface Migration {

    /** The schema version this step brings the store to: positive, used by no other step; the steps run in its order. */
    int version();

    /** What the step does, for the log and the schema record. */
    String description();

    /** Changes the stored data; throwing leaves the schema version where it was, and the step is tried again later. */
    void apply();
}
