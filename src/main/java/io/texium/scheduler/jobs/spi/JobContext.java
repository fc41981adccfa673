package io.texium.scheduler.jobs.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What one run of a job knows: its arguments, whose job it is, and which execution records it. */
public record JobContext(String jobId, String jobName, String userId, String executionId, String trigger,
                         Instant scheduledTime, List<Object> args, Map<String, Object> kwargs) {

    public JobContext {
        args = args == null ? List.of() : args;
        kwargs = kwargs == null ? Map.of() : kwargs;
    }
}
