package io.texium.scheduler.executions.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.jobs.entity.RunPolicy;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the end of a run calls for: retries with backoff, and the chained runs after the last attempt. */
class FollowUpsTest {

    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    FollowUps cut = new FollowUps();
    SettableClock clock = new SettableClock(T0);
    Map<String, Job> stored = new HashMap<>();

    @BeforeEach
    void wire() {
        cut.clock = clock;
        cut.jobs = new JobQueries() {
            @Override
            public Map<String, Job> byIds(Collection<String> ids) {
                Map<String, Job> found = new HashMap<>();
                ids.forEach(id -> {
                    if (stored.containsKey(id)) {
                        found.put(id, stored.get(id));
                    }
                });
                return found;
            }
        };
    }

    static String id(int n) {
        return "%024x".formatted(n);
    }

    Job job(int n) {
        Job job = new Job().id(id(n)).name("job " + n).userId("u" + n).jobClassString("jobs.echo.EchoJob");
        stored.put(job.id(), job);
        return job;
    }

    static Execution ended(Job job, ExecutionStatus status, Instant at) {
        return new Execution().id(Ids.forFire(job.id(), T0)).jobId(job.id()).userId(job.userId()).jobName(job.name())
                .jobClassString(job.jobClassString()).status(status).scheduledTime(T0).completedAt(at);
    }

    @Test
    void the_delay_grows_by_the_backoff_per_attempt_up_to_its_cap() {
        RunPolicy policy = new Job().retryDelaySeconds(10L).retryBackoff(3.0).retryMaxDelaySeconds(200L).policy();

        assertThat(List.of(policy.retryDelay(1), policy.retryDelay(2), policy.retryDelay(3), policy.retryDelay(4)))
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(200));
        assertThat(RunPolicy.DEFAULT.retryDelay(1)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void a_failed_run_with_retries_left_is_retried_as_a_new_execution_due_after_the_delay() {
        Job job = job(1).maxRetries(2);
        Execution first = ended(job, ExecutionStatus.failed, T0.plusSeconds(3));

        var retry = FollowUps.retry(first, job.policy(), T0.plusSeconds(4)).orElseThrow();

        assertThat(retry.status()).isEqualTo(ExecutionStatus.scheduled);
        assertThat(retry.trigger()).isEqualTo("retry");
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.retryOf()).isEqualTo(first.id());
        assertThat(retry.scheduledTime()).isEqualTo(T0.plusSeconds(33));
        assertThat(retry.instanceId()).isNull();
        assertThat(retry.id()).isEqualTo(FollowUps.retry(first, job.policy(), T0.plusSeconds(9)).orElseThrow().id());

        var third = FollowUps.retry(retry.status(ExecutionStatus.timeout).completedAt(T0.plusSeconds(40)), job.policy(),
                T0.plusSeconds(40)).orElseThrow();
        assertThat(third.attempt()).isEqualTo(3);
        assertThat(third.retryOf()).isEqualTo(first.id());
        assertThat(third.scheduledTime()).isEqualTo(T0.plusSeconds(100));
        assertThat(FollowUps.retry(third.status(ExecutionStatus.failed).completedAt(T0.plusSeconds(101)), job.policy(),
                T0.plusSeconds(101))).isEmpty();
    }

    @Test
    void success_cancel_and_a_policy_without_retries_retry_nothing() {
        Job job = job(1).maxRetries(3);
        assertThat(FollowUps.retry(ended(job, ExecutionStatus.succeeded, T0), job.policy(), T0)).isEmpty();
        assertThat(FollowUps.retry(ended(job, ExecutionStatus.cancelled, T0), job.policy(), T0)).isEmpty();
        assertThat(FollowUps.retry(ended(job(2), ExecutionStatus.failed, T0), job(2).policy(), T0)).isEmpty();
    }

    @Test
    void on_failure_runs_after_the_last_attempt_only_and_a_timeout_counts_as_failure() {
        Job child = job(9);
        Job job = job(1).maxRetries(1).onFailure(List.of(child.id())).onSuccess(List.of(id(8)));
        Execution first = ended(job, ExecutionStatus.failed, T0);

        List<Execution> afterFirst = cut.of(List.of(new FollowUps.Ended(first, job)));
        assertThat(afterFirst).singleElement().extracting(Execution::trigger).isEqualTo("retry");
        assertThat(first.nextAttemptId()).isEqualTo(afterFirst.getFirst().id());

        Execution last = afterFirst.getFirst().status(ExecutionStatus.timeout).completedAt(T0.plusSeconds(40));
        List<Execution> afterLast = cut.of(List.of(new FollowUps.Ended(last, job)));
        assertThat(afterLast).singleElement().satisfies(x -> {
            assertThat(x.trigger()).isEqualTo("dependency");
            assertThat(x.jobId()).isEqualTo(child.id());
            assertThat(x.userId()).isEqualTo(child.userId());
            assertThat(x.parentExecutionId()).isEqualTo(last.id());
            assertThat(x.scheduledTime()).isEqualTo(T0.plusSeconds(40));
        });
        assertThat(last.nextAttemptId()).isNull();
    }

    @Test
    void on_success_runs_each_named_job_that_still_exists() {
        Job a = job(2);
        Job job = job(1).onSuccess(List.of(a.id(), id(77)));

        List<Execution> next = cut.of(List.of(new FollowUps.Ended(ended(job, ExecutionStatus.succeeded, T0), job)));

        assertThat(next).extracting(Execution::jobId).containsExactly(a.id());
        assertThat(cut.of(List.of(new FollowUps.Ended(ended(job, ExecutionStatus.cancelled, T0), job)))).isEmpty();
    }

    @Test
    void a_chain_stops_after_its_maximum_depth_so_a_cycle_closed_by_two_saves_cannot_run_for_ever() {
        Job job = job(1);
        job.onSuccess(List.of(job.id()));

        Execution deep = ended(job, ExecutionStatus.succeeded, T0).chainDepth(FollowUps.MAX_CHAIN_DEPTH - 1);
        assertThat(cut.of(List.of(new FollowUps.Ended(deep, job)))).singleElement()
                .extracting(Execution::chainDepth).isEqualTo(FollowUps.MAX_CHAIN_DEPTH);
        Execution deepest = ended(job, ExecutionStatus.succeeded, T0).chainDepth(FollowUps.MAX_CHAIN_DEPTH);
        assertThat(cut.of(List.of(new FollowUps.Ended(deepest, job)))).isEmpty();
    }
}
