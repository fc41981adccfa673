package io.texium.scheduler.builtin.echo;

import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.jobs.spi.JobContext;
import io.texium.scheduler.jobs.spi.JobDefinition;
import io.texium.scheduler.jobs.spi.ScheduledJob;
import jakarta.enterprise.context.Dependent;
import java.util.LinkedHashMap;
import java.util.Map;

/** Returns its arguments: the smallest useful job, for trying the scheduler out and for tests. */
@Dependent
@JobDefinition(value = "jobs.echo.EchoJob", name = "Echo",
        description = "Returns its positional and keyword arguments as its output.",
        arguments = {
                @JobDefinition.Argument(name = "*args", type = Arguments.ANY, description = "Any positional arguments; echoed back."),
                @JobDefinition.Argument(name = "**kwargs", type = Arguments.ANY, description = "Any keyword arguments; echoed back.")},
        exampleArgs = "[\"Hello\", \"World\"]", exampleKwargs = "{\"greeting\": \"Guten Morgen\"}",
        notes = "Output: {\"args\": [...], \"kwargs\": {...}}.")
public class EchoJob implements ScheduledJob {

    @Override
    public Object run(JobContext context) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("args", context.args());
        output.put("kwargs", context.kwargs());
        return output;
    }
}
