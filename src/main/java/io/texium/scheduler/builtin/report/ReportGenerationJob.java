package io.texium.scheduler.builtin.report;

import io.texium.scheduler.builtin.email.Mailer;
import io.texium.scheduler.executions.control.ExecutionQueries;
import io.texium.scheduler.guard.MailAddresses;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.jobs.spi.JobContext;
import io.texium.scheduler.jobs.spi.JobDefinition;
import io.texium.scheduler.jobs.spi.ScheduledJob;
import io.texium.scheduler.platform.InstantRange;
import io.texium.scheduler.reports.control.ReportFormat;
import io.texium.scheduler.reports.control.Reports;
import io.texium.scheduler.users.control.Users;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports per job, for a period, how its executions ended and how long they took, as CSV, HTML or xlsx kept with
 * the {@link Reports} (so every instance serves it), and mails it if asked. An administrator's job reports every
 * user's jobs; any other user's job only that user's.
 */
@Dependent
@JobDefinition(value = "jobs.report.ReportGenerationJob", name = "Report generation",
        description = "For a period (default the last 24 hours), per job: runs, succeeded, failed, missed, skipped,"
                + " unfinished, success rate, mean and p95 duration; written as csv, html or xlsx, stored for download"
                + " at /api/scheduler/reports/<name>, and mailed as an attachment when mail_to is given.",
        arguments = {
                @JobDefinition.Argument(name = "hours", type = Arguments.INTEGER, min = 1, max = ReportGenerationJob.MAX_HOURS,
                        description = "The period: the hours before until (1 to 8784); 24 when neither hours nor"
                                + " since is given. Not together with since."),
                @JobDefinition.Argument(name = "since", description = "The period's start, inclusive: an ISO-8601"
                        + " date-time with offset, e.g. 2026-11-01T00:00:00Z."),
                @JobDefinition.Argument(name = "until", description = "The period's end, exclusive (ISO-8601);"
                        + " the time of the run when left out. At most 366 days after since."),
                @JobDefinition.Argument(name = "format", defaultValue = "\"csv\"", allowed = {"csv", "html", "xlsx"},
                        description = "csv (RFC 4180, UTF-8), html (one table) or xlsx."),
                @JobDefinition.Argument(name = "keep", type = Arguments.INTEGER, defaultValue = "30", min = 1, max = ReportGenerationJob.MAX_KEEP,
                        description = "How many reports of this job to keep, the newest; older ones are deleted"
                                + " (1 to 1000)."),
                @JobDefinition.Argument(name = "mail_to", type = Arguments.STRINGS, defaultValue = "[]",
                        description = "Mail the report as an attachment to these addresses (at most 100)."),
                @JobDefinition.Argument(name = "mail_subject", description = "The mail's subject: one line;"
                        + " \"Texium job report <since> to <until>\" when left out.")},
        exampleKwargs = "{\"hours\": 168, \"format\": \"xlsx\", \"keep\": 8, \"mail_to\": [\"ops@example.com\"],"
                + " \"mail_subject\": \"Weekly job report\"}",
        notes = {"An administrator's job reports every user's jobs; another user's job only that user's.",
                "success_rate = succeeded / (succeeded + failed), null when none ended so; mean and p95 (nearest"
                        + " rank) are of the runs with a recorded duration; a missed entry counts the fires it stands for.",
                "Output: {\"name\", \"format\", \"rows\", \"since\", \"until\", \"size\", \"download\", \"mailed_to\","
                        + " \"deleted\"}. When mailing fails the run fails, and the report stays stored."})
public class ReportGenerationJob implements ScheduledJob {

    static final long MAX_HOURS = 366 * 24;
    static final Duration MAX_PERIOD = Duration.ofDays(366);
    static final int MAX_KEEP = 1000;

    @Inject
    ExecutionQueries executions;

    @Inject
    JobQueries jobs;

    @Inject
    Users users;

    @Inject
    Reports reports;

    @Inject
    Mailer mailer;

    @Inject
    Clock clock;

    /** The reported period: since inclusive, until exclusive. */
    record Period(Instant since, Instant until) {
    }

    @Override
    public List<Arguments.Problem> check(Arguments arguments) {
        List<Arguments.Problem> problems = new ArrayList<>();
        period(arguments, clock.instant(), problems);
        List<String> to = arguments.strings("mail_to");
        for (int i = 0; i < to.size(); i++) {
            String problem = MailAddresses.problem(to.get(i));
            if (problem != null) {
                problems.add(new Arguments.Problem(arguments.field("mail_to") + "[" + i + "]", problem));
            }
        }
        if (!to.isEmpty()) {
            String count = MailAddresses.countProblem(to, List.of());
            if (count != null) {
                problems.add(arguments.problem("mail_to", count));
            }
        }
        if (arguments.string("mail_subject") != null) {
            String subject = MailAddresses.subjectProblem(arguments.string("mail_subject"));
            if (subject != null) {
                problems.add(arguments.problem("mail_subject", subject));
            }
        }
        return problems;
    }

    @Override
    public Object run(JobContext context) {
        Arguments arguments = checked(context.arguments());
        Instant now = clock.instant();
        Period period = period(arguments, now, new ArrayList<>());
        String formatName = arguments.string("format") == null ? "csv" : arguments.string("format");
        ReportFormat format = ReportFormat.of(formatName).orElseThrow(() -> new IllegalArgumentException(
                "argument 'format' (" + arguments.field("format") + ") must be one of csv, html, xlsx, not " + formatName));
        boolean admin = users.isAdmin(context.userId());
        String scope = admin ? "all users" : "user " + context.userId();

        var tally = new ReportTally();
        executions.scan(new ExecutionQueries.Filter(null, admin ? null : context.userId(), null, period.since(),
                period.until()), tally::add);
        Map<String, String> names = new HashMap<>();
        jobs.byIds(tally.jobIds()).forEach((id, job) -> names.put(id, job.name() == null ? id : job.name()));
        List<ReportRow> rows = tally.rows(names);

        var heading = new ReportDocuments.Heading(period.since(), period.until(), scope, now);
        byte[] content = switch (format) {
            case CSV -> ReportDocuments.csv(rows);
            case HTML -> ReportDocuments.html(rows, heading);
            case XLSX -> ReportDocuments.xlsx(rows, heading);
        };
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("job_name", context.jobName());
        metadata.put("execution_id", context.executionId());
        metadata.put("scope", scope);
        metadata.put("since", period.since().toString());
        metadata.put("until", period.until().toString());
        metadata.put("rows", rows.size());
        var report = reports.store(now, context.userId(), context.jobId(), format, metadata, content);
        List<String> deleted = reports.prune(context.jobId(), (int) arguments.integer("keep", 30));

        List<String> to = arguments.strings("mail_to");
        if (!to.isEmpty()) {
            String subject = arguments.string("mail_subject") != null ? arguments.string("mail_subject")
                    : "Texium job report " + period.since() + " to " + period.until();
            String body = "The job report of " + scope + " for " + period.since() + " to " + period.until()
                    + " (until exclusive): " + rows.size() + " jobs. It is attached, and can be downloaded from "
                    + report.download() + ".\n";
            try {
                mailer.send(to, List.of(), subject, body, false,
                        List.of(new Mailer.Attachment(report.name(), format.contentType(), content)));
            } catch (RuntimeException e) {
                throw new IllegalStateException("report " + report.name() + " is stored (download " + report.download()
                        + "), but mailing it failed: " + e.getMessage(), e);
            }
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("name", report.name());
        output.put("format", format.extension());
        output.put("rows", rows.size());
        output.put("scope", scope);
        output.put("since", period.since().toString());
        output.put("until", period.until().toString());
        output.put("size", report.size());
        output.put("download", report.download());
        output.put("mailed_to", to);
        output.put("deleted", deleted);
        return output;
    }

    /** The period the arguments name at {@code now}; problems are added, and a fallback answered, when they do not. */
    static Period period(Arguments arguments, Instant now, List<Arguments.Problem> problems) {
        Instant since = instant(arguments, "since", problems);
        Instant until = instant(arguments, "until", problems);
        Instant end = until == null ? now : until;
        if (arguments.value("hours").isPresent()) {
            long hours = arguments.integer("hours", 24);
            if (since != null) {
                problems.add(arguments.problem("hours", "give either hours or since, not both"));
            } else {
                since = end.minus(Duration.ofHours(hours));
            }
        }
        Instant start = since == null ? end.minus(Duration.ofHours(24)) : since;
        if (!start.isBefore(end)) {
            problems.add(arguments.problem("since", "must be before until" + (until == null ? " (the time of the run)" : "")));
        } else if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            problems.add(arguments.problem(arguments.value("hours").isPresent() ? "hours" : "since",
                    "the period may span at most 366 days"));
        }
        if (!InstantRange.contains(start)) {
            problems.add(arguments.problem("hours", InstantRange.PROBLEM));
        }
        return new Period(start, end);
    }

    private static Instant instant(Arguments arguments, String name, List<Arguments.Problem> problems) {
        String value = arguments.string(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(value.trim()).toInstant();
            if (!InstantRange.contains(instant)) {
                problems.add(arguments.problem(name, InstantRange.PROBLEM));
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            problems.add(arguments.problem(name, "must be an ISO-8601 date-time with an offset, e.g. 2026-11-01T00:00:00Z"));
            return null;
        }
    }
}
