package io.texium.scheduler.jobs.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.platform.SettableClock;
import io.texium.scheduler.problems.ConflictException;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.schedule.CronSchedule;
import io.texium.scheduler.schedule.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobQuotasTest {

    long owned;
    boolean admin;
    final JobQuotas quotas = new JobQuotas();

    JobQuotasTest() {
        quotas.maxJobsPerUser = 3;
        quotas.minIntervalSeconds = 60;
        quotas.adminsExempt = true;
        quotas.clock = new SettableClock(Instant.parse("2026-11-29T10:00:00Z"));
        quotas.queries = new JobQueries() {
            @Override
            public long count(String userId, Boolean enabled, Boolean paused) {
                return owned;
            }
        };
        quotas.caller = new Caller() {
            @Override
            public boolean admin() {
                return admin;
            }
        };
    }

    static CronSchedule crontab(String line) {
        return CronSchedule.parse(ScheduleSpec.ofCron(line, "UTC"));
    }

    List<FieldProblem> problemsOf(String line) {
        List<FieldProblem> problems = new ArrayList<>();
        quotas.checkInterval(ScheduleSpec.ofCron(line, "UTC"), crontab(line), problems);
        return problems;
    }

    @Test
    void a_user_at_the_job_quota_gets_a_conflict_naming_the_limit() {
        owned = 2;
        quotas.requireRoomFor("u1");
        owned = 3;
        assertThatThrownBy(() -> quotas.requireRoomFor("u1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("texium.quota.max-jobs-per-user = 3");
    }

    @Test
    void admins_are_exempt_unless_configured_otherwise() {
        owned = 10;
        admin = true;
        quotas.requireRoomFor("u1");
        assertThat(problemsOf("* * * * *")).isEmpty();
        quotas.adminsExempt = false;
        assertThatThrownBy(() -> quotas.requireRoomFor("u1")).isInstanceOf(ConflictException.class);
    }

    @Test
    void a_schedule_firing_more_often_than_the_minimum_interval_is_refused_on_its_field() {
        assertThat(problemsOf("*/5 * * * *")).isEmpty();
        assertThat(problemsOf("* * * * *")).isEmpty();
        quotas.minIntervalSeconds = 120;
        assertThat(problemsOf("* * * * *")).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("cron");
            assertThat(p.message()).contains("60 s apart", "120 s", "texium.quota.min-interval-seconds");
        });
    }

    @Test
    void a_short_gap_hidden_among_daily_fires_is_found() {
        quotas.minIntervalSeconds = 3600;
        assertThat(quotas.shortestGap(crontab("0,1 0 * * *"))).isEqualTo(Duration.ofMinutes(1));
        assertThat(problemsOf("0,1 0 * * *")).hasSize(1);
        assertThat(problemsOf("0 0 * * *")).isEmpty();
    }

    @Test
    void no_minimum_interval_means_no_search() {
        quotas.minIntervalSeconds = 0;
        assertThat(problemsOf("* * * * *")).isEmpty();
    }
}
