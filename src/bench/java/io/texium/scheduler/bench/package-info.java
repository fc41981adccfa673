/**
 * The benchmark suite ({@code ./mvnw -Pbench}): fire lag, drain throughput, 100,000 jobs, 1,000,000 executions,
 * and the same figures for JobRunr and Quartz, measured in one run and printed as one Markdown table.
 * It measures and prints; it asserts nothing. {@link io.texium.scheduler.bench.BenchRunner} says how to run it.
 */
package io.texium.scheduler.bench;
