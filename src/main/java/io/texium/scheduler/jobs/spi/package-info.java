/** What a job class implements: {@link io.texium.scheduler.jobs.spi.ScheduledJob} and its {@link io.texium.scheduler.jobs.spi.JobDefinition}. */
package io.texium.scheduler.jobs.spi;
