/** Jobs: what to run, when, and for whom; the REST API under /api/scheduler/jobs. */
package io.texium.scheduler.jobs;
