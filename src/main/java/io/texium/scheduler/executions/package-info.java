/** Executions: each run of a job, from claim to outcome; the REST API under /api/scheduler/executions. */
package io.texium.scheduler.executions;
