package io.texium.scheduler.builtin.maintenance;

import io.texium.scheduler.cluster.control.ChangeFeed;
import io.texium.scheduler.cluster.control.Changed;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.executions.control.ExecutionQueries;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.jobs.spi.JobContext;
import io.texium.scheduler.jobs.spi.JobDefinition;
import io.texium.scheduler.jobs.spi.ScheduledJob;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.platform.StoreIndexes;
import io.texium.scheduler.timers.control.JobTimers;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repairs what can drift: reconciles the job timers with MongoDB here and, through the change feed, on every other
 * instance; re-creates missing indexes; and reports executions running longer than a limit (it does not end them:
 * the take-over of a lost instance does).
 */
@Dependent
@JobDefinition(value = "jobs.maintenance.MaintenanceJob", name = "Maintenance",
        description = "Reconciles the job timers with MongoDB on every instance (arms missing ones, cancels orphans), "
                + "ensures the indexes, and reports executions running longer than running_limit_minutes. "
                + "Outputs what it changed and found.",
        arguments = {
                @JobDefinition.Argument(name = "running_limit_minutes", type = Arguments.INTEGER, defaultValue = "60", min = 1, max = 10_080,
                        description = "Executions running longer than this are reported (1 to 10080)."),
                @JobDefinition.Argument(name = "reconcile", type = Arguments.BOOLEAN, defaultValue = "true",
                        description = "Reconcile the timers on every instance."),
                @JobDefinition.Argument(name = "ensure_indexes", type = Arguments.BOOLEAN, defaultValue = "true",
                        description = "Create any missing index.")},
        exampleKwargs = "{\"running_limit_minutes\": 30}",
        notes = {"The other instances reconcile when their change feed delivers the request (within a second or two); "
                + "the output counts what this instance changed and names the instances asked.",
                "Every instance also reconciles on its own once a minute; this job makes it happen now and reports it.",
                "An administrator's job only: it acts on every user's timers."},
        adminOnly = true)
public class MaintenanceJob implements ScheduledJob {

    static final int MAX_REPORTED = 100;

    @Inject
    JobTimers timers;

    @Inject
    ChangeFeed changes;

    @Inject
    Instances instances;

    @Inject
    StoreIndexes indexes;

    @Inject
    ExecutionQueries executions;

    @Inject
    Clock clock;

    @Override
    public Object run(JobContext context) {
        Arguments arguments = context.arguments();
        Map<String, Object> output = new LinkedHashMap<>();
        if (arguments.bool("reconcile", true)) {
            var drift = timers.reconcile();
            output.put("timers_armed", drift.missing().size());
            output.put("timers_rearmed", drift.stale().size());
            output.put("timers_cancelled", drift.orphans().size());
            changes.publish(Changed.RECONCILE, "all");
            output.put("instances_asked_to_reconcile", instances.list().stream()
                    .map(Instances.Instance::id).filter(id -> !id.equals(instances.id())).toList());
        }
        if (arguments.bool("ensure_indexes", true)) {
            output.put("indexes_ensured", indexes.ensure());
        }
        Duration limit = Duration.ofMinutes(arguments.integer("running_limit_minutes", 60));
        output.put("running_longer_than_minutes", limit.toMinutes());
        output.put("running_too_long", runningLongerThan(clock.instant().minus(limit)));
        return output;
    }

    private List<Map<String, Object>> runningLongerThan(Instant startedBefore) {
        var running = new ExecutionQueries.Filter(null, null, ExecutionStatus.running, null, null);
        List<Map<String, Object>> found = new ArrayList<>();
        int page = 1;
        while (found.size() < MAX_REPORTED) {
            var slice = executions.list(running, new PageRequest(page, PageRequest.MAX_SIZE), ExecutionQueries.Keys.NONE);
            for (Execution x : slice.items()) {
                if (x.startedAt() != null && x.startedAt().isBefore(startedBefore) && found.size() < MAX_REPORTED) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("execution_id", x.id());
                    item.put("job_id", x.jobId());
                    item.put("started_at", x.startedAt().toString());
                    item.put("hostname", x.hostname());
                    found.add(item);
                }
            }
            if (slice.items().size() < PageRequest.MAX_SIZE) {
                break;
            }
            page++;
        }
        return found;
    }
}
