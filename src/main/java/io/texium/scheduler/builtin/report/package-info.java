/**
 * The ReportGeneration job: per job, for a period, how its executions ended and how long they took (ReportTally),
 * written as CSV, HTML or xlsx (ReportDocuments) and kept and served by {@code reports}.
 */
package io.texium.scheduler.builtin.report;
