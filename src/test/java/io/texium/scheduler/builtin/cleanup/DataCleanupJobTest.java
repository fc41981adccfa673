package io.texium.scheduler.builtin.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.audit.control.AuditRetention;
import io.texium.scheduler.executions.control.ExecutionRetention;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.jobs.control.JobCatalog;
import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.jobs.spi.JobContext;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.users.control.Users;
import io.texium.scheduler.users.entity.User;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who the clean-up acts for, what it passes on, and what it refuses (the deletion itself: ExecutionCountsTest). */
class DataCleanupJobTest {

    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    DataCleanupJob cut;
    final List<Object[]> executionCalls = new ArrayList<>();
    final List<Instant> auditCalls = new ArrayList<>();

    @BeforeEach
    void wire() {
        cut = new DataCleanupJob();
        cut.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        cut.executions = new ExecutionRetention() {
            @Override
            public Removed deleteBefore(Instant cutoff, Set<ExecutionStatus> statuses, String userId) {
                executionCalls.add(new Object[] {cutoff, statuses, userId});
                return new Removed(2, 40);
            }
        };
        cut.audit = new AuditRetention() {
            @Override
            public long deleteBefore(Instant instant) {
                auditCalls.add(instant);
                return 7;
            }
        };
        cut.users = new Users() {
            @Override
            public Optional<User> findById(String userId) {
                return Optional.of(new User().id(userId).role(userId.equals("root") ? User.ADMIN : "user"));
            }
        };
    }

    static JobContext context(String userId, Map<String, Object> arguments) {
        return new JobContext("j", "n", userId, "x", "schedule", NOW, List.of(), arguments,
                new Arguments(arguments, Map.of()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_administrators_job_cleans_everyones_executions_and_the_audit() {
        var output = (Map<String, Object>) cut.run(context("root", Map.of("days", 10L, "include_audit", true, "audit_days", 90L)));
        assertThat(executionCalls).singleElement().satisfies(call -> {
            assertThat(call[0]).isEqualTo(Instant.parse("2026-11-19T10:00:00Z"));
            assertThat(call[2]).isNull();
        });
        assertThat(auditCalls).containsExactly(Instant.parse("2026-08-31T10:00:00Z"));
        assertThat(output).containsEntry("executions_deleted", 40L).containsEntry("buckets_dropped", 2)
                .containsEntry("audit_deleted", 7L).containsEntry("scope", "all users");
    }

    @Test
    void another_users_job_cleans_only_that_users_executions_and_never_the_audit() {
        cut.run(context("alice", Map.of("statuses", List.of("failed"))));
        assertThat(executionCalls).singleElement().satisfies(call -> {
            assertThat(call[0]).isEqualTo(Instant.parse("2026-10-30T10:00:00Z"));
            assertThat(call[1]).isEqualTo(Set.of(ExecutionStatus.failed));
            assertThat(call[2]).isEqualTo("alice");
        });
        assertThatThrownBy(() -> cut.run(context("alice", Map.of("include_audit", true))))
                .hasMessageContaining("only an administrator's job may delete audit entries");
        assertThat(auditCalls).isEmpty();
    }

    @Test
    void unfinished_statuses_and_odd_ages_are_refused_at_save_time() {
        assertThat(JobCatalog.problems(cut, List.of(), Map.of("days", 0L)))
                .containsExactly(new FieldProblem("pub_kwargs.days", "must be from 1 to 36500"));
        assertThat(JobCatalog.problems(cut, List.of(), Map.of("statuses", List.of("running"))))
                .extracting(FieldProblem::field).containsExactly("pub_kwargs.statuses");
        assertThat(JobCatalog.problems(cut, List.of(30L, List.of("succeeded", "missed")), Map.of())).isEmpty();
    }
}
