package io.texium.scheduler.jobs.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.schedule.CronSchedule;
import io.texium.scheduler.schedule.ScheduleSpec;
import io.texium.scheduler.users.control.UserActivation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnerActivationTest {

    static final String ALICE = "64b7f0c2a1b2c3d4e5f60002";

    final List<String> calls = new ArrayList<>();
    final OwnerActivation cut = new OwnerActivation();

    {
        cut.schedules = new JobSchedules();
        cut.queries = new JobQueries() {
            @Override
            public List<Job> ownedBy(String userId) {
                return List.of(job("64b7f0c2a1b2c3d4e5f6000a", userId), job("64b7f0c2a1b2c3d4e5f6000b", userId));
            }
        };
        cut.timers = new JobTimer() {
            @Override
            public void apply(Job job, CronSchedule schedule) {
                if (job.id().endsWith("a") && calls.contains("fail")) {
                    throw new IllegalStateException("timer service refused");
                }
                calls.add("arm " + job.id().substring(23));
            }

            @Override
            public void cancel(String jobId) {
                calls.add("cancel " + jobId.substring(23));
            }

            @Override
            public Map<String, Instant> nextTimeouts(Collection<String> jobIds) {
                return Map.of();
            }
        };
    }

    static Job job(String id, String owner) {
        return new Job().id(id).userId(owner).name("j").jobClassString("jobs.echo.EchoJob")
                .schedule(ScheduleSpec.ofFields(null, null, null, null, null, null, null, "0", "UTC")).enabled(true).paused(false);
    }

    @Test
    void a_deactivated_users_jobs_lose_their_timers_and_get_them_back_when_the_user_is_active_again() {
        cut.on(new UserActivation(ALICE, false));
        assertThat(calls).containsExactly("cancel a", "cancel b");
        calls.clear();
        cut.on(new UserActivation(ALICE, true));
        assertThat(calls).containsExactly("arm a", "arm b");
    }

    @Test
    void a_timer_that_cannot_be_armed_leaves_the_others_armed_for_the_reconcile_to_repair() {
        calls.add("fail");
        cut.on(new UserActivation(ALICE, true));
        assertThat(calls).containsExactly("fail", "arm b");
    }
}
