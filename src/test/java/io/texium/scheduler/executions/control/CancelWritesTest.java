package io.texium.scheduler.executions.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.platform.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store's side of a cancel, on mongo-java-server: a queued execution is cancelled by a write fenced on
 * {@code scheduled}, after which the worker's fenced start skips it; a started one is not touched by it, and its
 * cancelled outcome is written by the fenced final write, with the reason.
 */
class CancelWritesTest {

    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    ExecutionStore store = new ExecutionStore();
    ExecutionWrites cut = store.writes;
    List<Execution> announced = new ArrayList<>();

    CancelWritesTest() {
        cut.onEnded(announced::addAll);
    }

    @AfterEach
    void close() {
        store.close();
    }

    Execution claimed(String jobId) {
        Execution x = new Execution().id(Ids.forFire(jobId, T0)).jobId(jobId).userId("u1").jobName("job")
                .jobClassString("jobs.echo.EchoJob").status(ExecutionStatus.scheduled).trigger("schedule")
                .scheduledTime(T0).createdAt(T0).instanceId("i-1");
        cut.claim(List.of(x), "i-1");
        return store.queries.find(x.id()).orElseThrow();
    }

    @Test
    void a_queued_execution_is_cancelled_and_the_workers_start_then_skips_it() {
        Execution x = claimed("6747a1c2e4b0a1b2c3d4e5f6");

        assertThat(cut.cancelScheduled(x, Cancels.BEFORE_START, T0.plusSeconds(1))).isTrue();
        assertThat(cut.start(List.of(x), "i-1", "host", T0.plusSeconds(2))).as("the fenced start finds it cancelled").isEmpty();

        Execution stored = store.queries.find(x.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ExecutionStatus.cancelled);
        assertThat(stored.reason()).isEqualTo(Cancels.BEFORE_START);
        assertThat(stored.completedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(stored.startedAt()).isNull();
        assertThat(store.counts.totals("u1")).containsEntry(ExecutionStatus.cancelled, 1L)
                .containsEntry(ExecutionStatus.scheduled, 0L);
        assertThat(announced).extracting(Execution::id).containsExactly(x.id());
        assertThat(cut.cancelScheduled(x, Cancels.BEFORE_START, T0.plusSeconds(3))).as("once").isFalse();
    }

    @Test
    void a_started_execution_is_not_cancelled_as_queued_and_its_cancelled_outcome_lands_fenced_with_the_reason() {
        Execution x = claimed("6747a1c2e4b0a1b2c3d4e5f7");
        assertThat(cut.start(List.of(x), "i-1", "host", T0.plusSeconds(1))).isEqualTo(Set.of(x.id()));

        assertThat(cut.cancelScheduled(x, Cancels.BEFORE_START, T0.plusSeconds(2))).isFalse();
        x.status(ExecutionStatus.cancelled).reason(Cancels.WHILE_RUNNING).startedAt(T0.plusSeconds(1))
                .completedAt(T0.plusSeconds(4)).durationMs(3_000L);
        cut.finish(List.of(x), "i-2");
        assertThat(store.queries.find(x.id()).orElseThrow().status()).as("fenced: not the instance that runs it")
                .isEqualTo(ExecutionStatus.running);
        cut.finish(List.of(x), "i-1");

        Execution stored = store.queries.find(x.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ExecutionStatus.cancelled);
        assertThat(stored.reason()).isEqualTo(Cancels.WHILE_RUNNING);
        assertThat(stored.durationMs()).isEqualTo(3_000L);
        assertThat(store.counts.totals("u1")).containsEntry(ExecutionStatus.cancelled, 1L)
                .containsEntry(ExecutionStatus.running, 0L);
    }
}
