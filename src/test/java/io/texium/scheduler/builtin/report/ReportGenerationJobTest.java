package io.texium.scheduler.builtin.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.builtin.email.Mailer;
import io.texium.scheduler.executions.control.ExecutionQueries;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.jobs.control.JobCatalog;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.jobs.spi.JobContext;
import io.texium.scheduler.platform.MemoryStore;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.reports.control.Reports;
import io.texium.scheduler.reports.control.ReportsOn;
import io.texium.scheduler.users.control.Users;
import io.texium.scheduler.users.entity.User;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job end to end on an in-memory store: the period it asks for, the numbers in the file, keep, and mailing. */
class ReportGenerationJobTest {

    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    static final String JOB = "6747a1c2e4b0a1b2c3d4e5f6";

    final MemoryStore store = new MemoryStore();
    final Reports reports = ReportsOn.store(store);
    final List<ExecutionQueries.Filter> scans = new ArrayList<>();
    final List<Execution> executions = new ArrayList<>();
    final List<Object[]> mails = new ArrayList<>();
    RuntimeException mailFailure;
    ReportGenerationJob cut;

    @BeforeEach
    void wire() {
        cut = new ReportGenerationJob();
        cut.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        cut.reports = reports;
        cut.executions = new ExecutionQueries() {
            @Override
            public void scan(Filter filter, Consumer<Execution> each) {
                scans.add(filter);
                executions.forEach(each);
            }
        };
        cut.jobs = new JobQueries() {
            @Override
            public Map<String, Job> byIds(Collection<String> ids) {
                Map<String, Job> found = new HashMap<>();
                ids.stream().filter(id -> id.equals("a")).forEach(id -> found.put(id, new Job().id(id).name("Nightly, \"db\"")));
                return found;
            }
        };
        cut.users = new Users() {
            @Override
            public Optional<User> findById(String userId) {
                return Optional.of(new User().id(userId).role(userId.equals("root") ? User.ADMIN : "user"));
            }
        };
        cut.mailer = new Mailer() {
            @Override
            public Sent send(List<String> to, List<String> cc, String subject, String body, boolean html,
                             List<Attachment> attachments) {
                if (mailFailure != null) {
                    throw mailFailure;
                }
                mails.add(new Object[] {to, subject, body, attachments});
                return new Sent("<id@example.com>", to, cc, subject);
            }
        };
        for (long ms : new long[] {10, 20, 30, 40}) {
            executions.add(new Execution().jobId("a").status(ms == 40 ? ExecutionStatus.failed : ExecutionStatus.succeeded).durationMs(ms));
        }
        executions.add(new Execution().jobId("gone").status(ExecutionStatus.skipped));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Arguments arguments(Map<String, Object> values) {
        return new Arguments(values, Map.of());
    }

    static JobContext context(String userId, Map<String, Object> values) {
        return new JobContext(JOB, "report", userId, "6747a2d0e4b0a1b2c3d4e600", "manual", NOW, List.of(), values,
                arguments(values));
    }

    String download(String name) {
        var out = new ByteArrayOutputStream();
        reports.copy(name, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_users_job_reports_the_last_24_hours_of_that_users_jobs_as_csv() {
        var output = (Map<String, Object>) cut.run(context("alice", Map.of()));

        assertThat(scans).singleElement().isEqualTo(new ExecutionQueries.Filter(null, "alice", null,
                Instant.parse("2026-11-28T10:00:00Z"), NOW));
        String name = (String) output.get("name");
        assertThat(name).isEqualTo("report-20261129T100000Z-c3d4e5f6.csv");
        assertThat(output).containsEntry("format", "csv").containsEntry("rows", 2)
                .containsEntry("since", "2026-11-28T10:00:00Z").containsEntry("until", "2026-11-29T10:00:00Z")
                .containsEntry("download", "/api/scheduler/reports/" + name).containsEntry("mailed_to", List.of())
                .containsEntry("scope", "user alice");
        assertThat(download(name)).isEqualTo("job_id,job_name,runs,succeeded,failed,missed,skipped,unfinished,"
                + "success_rate,mean_duration_ms,p95_duration_ms\r\n"
                + "a,\"Nightly, \"\"db\"\"\",4,3,1,0,0,0,0.75,25.0,40\r\n"
                + "gone,gone,1,0,0,0,1,0,,,\r\n");
        var stored = reports.find(name, "alice").orElseThrow();
        assertThat(stored.jobId()).isEqualTo(JOB);
        assertThat(stored.rows()).isEqualTo(2);
        assertThat(stored.size()).isEqualTo(((Number) output.get("size")).longValue());
        assertThat(reports.find(name, "bob")).isEmpty();
    }

    @Test
    void an_administrators_job_reports_everyone_for_the_period_asked() {
        cut.run(context("root", Map.of("since", "2026-11-01T00:00:00+01:00", "until", "2026-11-02T00:00:00Z",
                "format", "html")));
        assertThat(scans).singleElement().isEqualTo(new ExecutionQueries.Filter(null, null, null,
                Instant.parse("2026-10-31T23:00:00Z"), Instant.parse("2026-11-02T00:00:00Z")));
        cut.run(context("root", Map.of("hours", 2L, "format", "xlsx")));
        assertThat(scans.get(1).since()).isEqualTo(Instant.parse("2026-11-29T08:00:00Z"));
        assertThat(reports.list(null, PageRequest.of(null, null)).items()).extracting(Reports.Report::format)
                .containsExactlyInAnyOrder("html", "xlsx");
    }

    @Test
    @SuppressWarnings("unchecked")
    void keeps_the_newest_reports_of_the_job() {
        for (int i = 0; i < 3; i++) {
            cut.clock = Clock.fixed(NOW.plusSeconds(i), ZoneOffset.UTC);
            var output = (Map<String, Object>) cut.run(context("alice", Map.of("keep", 2L)));
            assertThat((List<String>) output.get("deleted")).hasSize(i < 2 ? 0 : 1);
        }
        assertThat(reports.list("alice", PageRequest.of(null, null)).items()).extracting(Reports.Report::name)
                .containsExactly("report-20261129T100002Z-c3d4e5f6.csv", "report-20261129T100001Z-c3d4e5f6.csv");
    }

    @Test
    @SuppressWarnings("unchecked")
    void mails_the_report_as_an_attachment() {
        var output = (Map<String, Object>) cut.run(context("alice", Map.of("mail_to", List.of("ops@example.com"),
                "mail_subject", "Daily")));
        assertThat(output).containsEntry("mailed_to", List.of("ops@example.com"));
        assertThat(mails).singleElement().satisfies(mail -> {
            assertThat(mail[1]).isEqualTo("Daily");
            var attachment = ((List<Mailer.Attachment>) mail[3]).getFirst();
            assertThat(attachment.name()).isEqualTo(output.get("name"));
            assertThat(attachment.contentType()).isEqualTo("text/csv; charset=utf-8");
            assertThat(new String(attachment.content(), StandardCharsets.UTF_8)).isEqualTo(download((String) output.get("name")));
        });
    }

    @Test
    void a_failed_mail_fails_the_run_and_the_report_stays() {
        mailFailure = new IllegalStateException("could not send mail through SMTP server localhost:25: refused");
        assertThatThrownBy(() -> cut.run(context("alice", Map.of("mail_to", List.of("ops@example.com")))))
                .hasMessage("report report-20261129T100000Z-c3d4e5f6.csv is stored (download /api/scheduler/reports/"
                        + "report-20261129T100000Z-c3d4e5f6.csv), but mailing it failed: could not send mail through"
                        + " SMTP server localhost:25: refused");
        assertThat(reports.find("report-20261129T100000Z-c3d4e5f6.csv", "alice")).isPresent();
    }

    @Test
    void refuses_what_cannot_be_reported_when_saved() {
        assertThat(cut.check(arguments(Map.of()))).isEmpty();
        assertThat(cut.check(arguments(Map.of("hours", 8784L, "format", "xlsx", "keep", 1000L)))).isEmpty();
        assertThat(problems(Map.of("hours", 0L))).containsExactly("pub_kwargs.hours must be from 1 to 8784");
        assertThat(problems(Map.of("hours", 2L, "since", "2026-11-01T00:00:00Z")))
                .containsExactly("pub_kwargs.hours give either hours or since, not both");
        assertThat(problems(Map.of("since", "2026-11-02T00:00:00Z", "until", "2026-11-01T00:00:00Z")))
                .containsExactly("pub_kwargs.since must be before until");
        assertThat(problems(Map.of("since", "2026-12-01T00:00:00Z")))
                .containsExactly("pub_kwargs.since must be before until (the time of the run)");
        assertThat(problems(Map.of("since", "2024-01-01T00:00:00Z", "until", "2025-01-02T00:00:00Z")))
                .containsExactly("pub_kwargs.since the period may span at most 366 days");
        assertThat(problems(Map.of("since", "yesterday"))).singleElement().asString().startsWith("pub_kwargs.since must be an ISO-8601");
        assertThat(problems(Map.of("until", "0001-01-01T00:00:00Z"))).first().asString()
                .isEqualTo("pub_kwargs.until must lie in the years 1970 to 9999 (UTC)");
        assertThat(problems(Map.of("format", "pdf"))).containsExactly("pub_kwargs.format must be one of csv, html, xlsx");
        assertThat(problems(Map.of("keep", 0L))).containsExactly("pub_kwargs.keep must be from 1 to 1000");
        assertThat(problems(Map.of("mail_to", List.of("ops@example.com", "not an address"))))
                .singleElement().asString().startsWith("pub_kwargs.mail_to[1] is not an e-mail address");
        assertThat(problems(Map.of("mail_to", List.of("a@example.com"), "mail_subject", "a\r\nBcc: x@example.com")))
                .containsExactly("pub_kwargs.mail_subject must be one line (no CR or LF)");
    }

    List<String> problems(Map<String, Object> values) {
        return JobCatalog.problems(cut, List.of(), values).stream().map(p -> p.field() + " " + p.message()).toList();
    }
}
