package io.texium.scheduler.builtin.metrics;

import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.executions.control.ExecutionQueries;
import io.texium.scheduler.health.MetricsHistory;
import io.texium.scheduler.jobs.spi.JobContext;
import io.texium.scheduler.jobs.spi.JobDefinition;
import io.texium.scheduler.jobs.spi.ScheduledJob;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.timers.control.JobTimers;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Samples the instance that runs it (JVM memory and threads, CPU, load, free disk of the data directory, uptime,
 * live timers, executions in the last minute), stores the sample in {@code scheduler_metrics} and outputs it.
 */
@Dependent
@JobDefinition(value = "jobs.metrics.SystemMetricsJob", name = "System metrics",
        description = "Samples the instance that runs it: heap and non-heap memory, threads, process and system CPU "
                + "load, system load average, free disk of the data directory, uptime, live timer count and "
                + "executions in the last minute. Stores the sample (GET /api/scheduler/metrics/history) and outputs it.",
        notes = {"Takes no arguments. The sample describes the instance that ran the job (field `instance`).",
                "Samples older than texium.retention.metrics-days (default 7) are deleted daily.",
                "An administrator's job only: the samples describe the servers, not a user's jobs."},
        adminOnly = true)
public class SystemMetricsJob implements ScheduledJob {

    @Inject
    @ConfigProperty(name = "texium.data.dir", defaultValue = "./data")
    String dataDir;

    @Inject
    Instances instances;

    @Inject
    JobTimers timers;

    @Inject
    ExecutionQueries executions;

    @Inject
    MetricsHistory history;

    @Inject
    Clock clock;

    @Override
    public Object run(JobContext context) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("time", now.toString());
        sample.put("instance", instances.id());
        sample.put("hostname", instances.hostname());
        sample.putAll(SystemSample.take(Path.of(dataDir)));
        sample.put("timer_count", timers.count());
        var lastMinute = new ExecutionQueries.Filter(null, null, null, now.minus(Duration.ofMinutes(1)), now);
        sample.put("executions_last_minute", executions.list(lastMinute, new PageRequest(1, 1),
                ExecutionQueries.Keys.NONE).total());
        history.add(now, sample);
        return sample;
    }
}
