/**
 * The stored data's schema version and the migrations that bring a store written by an earlier version up to it:
 * run once per store, in version order, by one instance at a time, before anything else uses the store. A feature
 * adds a step by writing a {@link io.texium.scheduler.upgrade.Migration} bean. Depends on {@code platform} and
 * {@code cluster} (the instance id that holds the lease).
 */
package io.texium.scheduler.upgrade;
