/** Texium Scheduler: a Jakarta EE job scheduler; one package per feature, each split into boundary, control and entity. */
package io.texium.scheduler;
