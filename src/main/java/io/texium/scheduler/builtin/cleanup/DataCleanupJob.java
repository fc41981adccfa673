package io.texium.scheduler.builtin.cleanup;

import io.texium.scheduler.audit.control.AuditRetention;
import io.texium.scheduler.executions.control.ExecutionRetention;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.jobs.spi.JobContext;
import io.texium.scheduler.jobs.spi.JobDefinition;
import io.texium.scheduler.jobs.spi.ScheduledJob;
import io.texium.scheduler.users.control.Users;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deletes finished executions (and, for an administrator's job, audit entries) older than a number of days. An
 * administrator's job cleans every user's executions, dropping whole hourly buckets where no filter applies; any
 * other user's job cleans only that user's executions.
 */
@Dependent
@JobDefinition(value = "jobs.cleanup.DataCleanupJob", name = "Data clean-up",
        description = "Deletes finished executions older than `days` (optionally only some statuses) and, if asked, "
                + "audit entries older than `audit_days`. Outputs what it deleted.",
        arguments = {
                @JobDefinition.Argument(name = "days", type = Arguments.INTEGER, defaultValue = "30", min = 1, max = DataCleanupJob.MAX_DAYS,
                        description = "Executions scheduled more than this many days ago are deleted (1 to 36500)."),
                @JobDefinition.Argument(name = "statuses", type = Arguments.STRINGS,
                        description = "Only executions with these statuses (succeeded, failed, timeout, cancelled, missed, skipped); "
                                + "all finished ones when left out. Scheduled and running executions are never deleted."),
                @JobDefinition.Argument(name = "include_audit", type = Arguments.BOOLEAN, defaultValue = "false",
                        description = "Also delete audit entries older than audit_days (an administrator's job only)."),
                @JobDefinition.Argument(name = "audit_days", type = Arguments.INTEGER, min = 1, max = DataCleanupJob.MAX_DAYS,
                        description = "The age for audit entries, in days; `days` when left out.")},
        exampleKwargs = "{\"days\": 14, \"statuses\": [\"succeeded\"]}",
        notes = {"An administrator's job cleans every user's executions; another user's job only that user's.",
                "The system retention (texium.retention.*) runs daily whether or not such a job exists."})
public class DataCleanupJob implements ScheduledJob {

    static final long MAX_DAYS = 36_500;
    static final Set<String> FINISHED = Set.of("succeeded", "failed", "timeout", "cancelled", "missed", "skipped");

    @Inject
    ExecutionRetention executions;

    @Inject
    AuditRetention audit;

    @Inject
    Users users;

    @Inject
    Clock clock;

    @Override
    public List<Arguments.Problem> check(Arguments arguments) {
        List<Arguments.Problem> problems = new ArrayList<>();
        for (String status : arguments.strings("statuses")) {
            if (!FINISHED.contains(status)) {
                problems.add(arguments.problem("statuses", "'" + status + "' is not a finished status; use "
                        + String.join(", ", FINISHED.stream().sorted().toList())));
            }
        }
        return problems;
    }

    @Override
    public Object run(JobContext context) {
        Arguments arguments = checked(context.arguments());
        boolean admin = users.isAdmin(context.userId());
        boolean includeAudit = arguments.bool("include_audit", false);
        if (includeAudit && !admin) {
            throw new IllegalStateException("include_audit: only an administrator's job may delete audit entries");
        }
        Instant now = clock.instant();
        long days = arguments.integer("days", 30);
        Instant cutoff = now.minus(Duration.ofDays(days));
        Set<ExecutionStatus> statuses = EnumSet.noneOf(ExecutionStatus.class);
        arguments.strings("statuses").forEach(s -> statuses.add(ExecutionStatus.valueOf(s)));
        var removed = executions.deleteBefore(cutoff, statuses, admin ? null : context.userId());
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("scope", admin ? "all users" : "user " + context.userId());
        output.put("executions_before", cutoff.toString());
        output.put("executions_deleted", removed.executionsDeleted());
        output.put("buckets_dropped", removed.bucketsDropped());
        if (includeAudit) {
            Instant auditCutoff = now.minus(Duration.ofDays(arguments.integer("audit_days", days)));
            output.put("audit_before", auditCutoff.toString());
            output.put("audit_deleted", audit.deleteBefore(auditCutoff));
        }
        return output;
    }
}
