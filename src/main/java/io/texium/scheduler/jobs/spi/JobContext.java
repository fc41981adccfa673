package io.texium.scheduler.jobs.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one run of a job knows: its arguments (as sent, and {@link #arguments() bound} to the names its definition
 * gives them, defaults applied), whose job it is, and which execution records it.
 */
public record JobContext(String jobId, String jobName, String userId, String executionId, String trigger,
                         Instant scheduledTime, List<Object> args, Map<String, Object> kwargs, Arguments arguments) {

    public JobContext {
        args = args == null ? List.of() : args;
        kwargs = kwargs == null ? Map.of() : kwargs;
        arguments = arguments == null ? Arguments.EMPTY : arguments;
    }
}
