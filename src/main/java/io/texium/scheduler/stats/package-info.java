/** Statistics over jobs and executions: /api/scheduler/stats. */
package io.texium.scheduler.stats;
