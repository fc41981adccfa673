/**
 * Several instances on one store: the instance registry with its heartbeats (in the store's time), the loss of an
 * instance, and the change feed every instance follows. Depends on {@code platform} only; features listen to
 * its events.
 */
package io.texium.scheduler.cluster;
