/** Producers the features share: the MongoDB connection (or the embedded store), the clock, JSON settings, configuration. */
package io.texium.scheduler.platform;
