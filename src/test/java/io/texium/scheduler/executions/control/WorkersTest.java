package io.texium.scheduler.executions.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.texium.scheduler.cluster.control.Changed;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.Background;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workers wired by hand with real threads and a settable clock: a run past its timeout ends {@code timeout} and
 * gives its slot to the next run while a job that ignores the interrupt lingers; a cancel ends a run
 * {@code cancelled}; each run ends as exactly one outcome. The watchdog is asked directly after the clock moved, so
 * no test waits for a deadline.
 */
class WorkersTest {

    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(10);

    SettableClock clock = new SettableClock(T0);
    Workers cut;
    LinkedBlockingQueue<Execution> recorded = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<Execution> missed = new LinkedBlockingQueue<>();
    Map<String, Job> jobCode = new ConcurrentHashMap<>();
    /** What each job does, by job id: the test's job bodies. */
    Map<String, JobBody> bodies = new ConcurrentHashMap<>();

    interface JobBody {
        Object run() throws Exception;
    }

    @BeforeEach
    void wire() {
        cut = new Workers() {
            @Override
            Object invoke(Run run) throws Exception {
                return bodies.get(run.job().id()).run();
            }
        };
        cut.workerCount = 1;
        cut.clock = clock;
        cut.writes = new ExecutionWrites() {
            @Override
            public Set<String> start(Collection<Execution> executions, String instanceId, String hostname, Instant at) {
                Set<String> ids = new HashSet<>();
                executions.forEach(x -> ids.add(x.id()));
                return ids;
            }

            @Override
            public void miss(Collection<Execution> executions, String reason) {
                executions.forEach(x -> missed.add(x.status(ExecutionStatus.missed).reason(reason)));
            }
        };
        cut.recorder = new RunRecorder() {
            @Override
            void ended(Execution execution, Job job) {
                recorded.add(execution);
            }
        };
        cut.activeMarks = new ActiveMarks();
        cut.runCounts = new io.texium.scheduler.jobs.control.JobRunCounts() {
            @Override
            public void unmarkActive(Map<String, List<String>> executionIdsByJob) {
                // nothing stored here
            }
        };
        cut.instances = new Instances() {
            @Override
            public String id() {
                return "instance-1";
            }

            @Override
            public String hostname() {
                return "host-1";
            }
        };
        cut.background = new Background() {
            @Override
            public ThreadFactory named(String prefix) {
                var n = new AtomicInteger();
                return task -> {
                    Thread t = new Thread(task, prefix + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                };
            }
        };
        cut.metrics = new PipelineMetrics();
        cut.metrics.registry = new SimpleMeterRegistry();
        cut.metrics.register();
        cut.start();
    }

    @AfterEach
    void stop() {
        cut.stop(Duration.ofMillis(100));
    }

    Run run(String jobId, Long timeoutSeconds, JobBody body) {
        bodies.put(jobId, body);
        Job job = new Job().id(jobId).name("job " + jobId).userId("u1").jobClassString("jobs.test").timeoutSeconds(timeoutSeconds);
        return new Run(new Execution().id(Ids.newId()).jobId(jobId).userId("u1").status(ExecutionStatus.scheduled)
                .scheduledTime(T0).trigger("manual"), job);
    }

    /** A job that waits for {@code release} and ignores every interrupt on the way, noting that it saw one. */
    static JobBody ignoringInterrupts(CountDownLatch started, CountDownLatch release, AtomicBoolean interrupted) {
        return () -> {
            started.countDown();
            while (true) {
                try {
                    release.await();
                    return "late result";
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            }
        };
    }

    Execution nextRecorded() throws InterruptedException {
        Execution x = recorded.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(x).as("an outcome was recorded").isNotNull();
        return x;
    }

    static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void a_fired_run_that_waited_past_its_misfire_grace_is_missed_and_gives_its_slot_to_the_next() throws Exception {
        clock.set(T0.plus(Duration.ofHours(2)));
        Run stale = run(Ids.newId(), null, () -> "never");
        stale.execution().trigger("schedule");
        Run manual = run(Ids.newId(), null, () -> "ran");

        cut.submit(List.of(stale, manual));

        assertThat(nextRecorded().output()).contains("ran");
        Execution x = missed.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(x).isNotNull();
        assertThat(x.id()).isEqualTo(stale.execution().id());
        assertThat(x.reason()).contains("misfire_grace_seconds");
        assertThat(recorded).isEmpty();
    }

    @Test
    void a_run_past_its_timeout_ends_timeout_and_its_slot_runs_the_next_job_while_the_stuck_thread_lingers() throws Exception {
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var interrupted = new AtomicBoolean();
        Run stuck = run("stuck", 5L, ignoringInterrupts(started, release, interrupted));
        cut.submit(List.of(stuck));
        await(started);

        clock.advance(Duration.ofMillis(4_999));
        cut.timeOut();
        assertThat(recorded).as("not yet past the deadline").isEmpty();

        clock.advance(Duration.ofMillis(1));
        cut.timeOut();
        Execution timedOut = nextRecorded();
        assertThat(timedOut.id()).isEqualTo(stuck.execution().id());
        assertThat(timedOut.status()).isEqualTo(ExecutionStatus.timeout);
        assertThat(timedOut.error()).startsWith("timed out after 5 s");
        assertThat(timedOut.completedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(timedOut.durationMs()).isEqualTo(5_000);
        assertThat(cut.stuck()).isEqualTo(1);

        // one worker slot: the next run can start only because the timeout gave the slot back
        var nextRan = new CountDownLatch(1);
        Run next = run("next", null, () -> {
            nextRan.countDown();
            return "ok";
        });
        cut.submit(List.of(next));
        Execution nextOutcome = nextRecorded();
        assertThat(nextOutcome.id()).isEqualTo(next.execution().id());
        assertThat(nextOutcome.status()).isEqualTo(ExecutionStatus.succeeded);
        assertThat(interrupted).as("the stuck job saw the interrupt").isTrue();
        assertThat(cut.stuck()).as("still lingering").isEqualTo(1);

        release.countDown();
        assertThat(awaitStuck(0)).isTrue();
        assertThat(recorded.poll(200, TimeUnit.MILLISECONDS)).as("the stuck job's late result is discarded").isNull();
        assertThat(stuck.execution().status()).isEqualTo(ExecutionStatus.timeout);
        assertThat(cut.metrics.registry.get("texium.workers.stuck").gauge().value()).isZero();
    }

    @Test
    void a_job_that_honours_the_interrupt_is_cancelled_and_its_thread_returns() throws Exception {
        var started = new CountDownLatch(1);
        Run running = run("honest", null, () -> {
            started.countDown();
            Thread.sleep(60_000);
            return "never";
        });
        cut.submit(List.of(running));
        await(started);
        clock.advance(Duration.ofSeconds(2));

        assertThat(cut.cancel(running.execution().id(), Cancels.WHILE_RUNNING)).isTrue();
        Execution cancelled = nextRecorded();
        assertThat(cancelled.status()).isEqualTo(ExecutionStatus.cancelled);
        assertThat(cancelled.reason()).isEqualTo(Cancels.WHILE_RUNNING);
        assertThat(cancelled.error()).isNull();
        assertThat(cancelled.durationMs()).isEqualTo(2_000);
        assertThat(awaitStuck(0)).as("the job returned on the interrupt").isTrue();
        assertThat(cut.cancel(running.execution().id(), Cancels.WHILE_RUNNING)).as("ended already").isFalse();
        assertThat(recorded.poll(200, TimeUnit.MILLISECONDS)).as("one outcome only").isNull();
    }

    @Test
    void a_run_that_ends_before_its_deadline_is_its_jobs_outcome_and_the_watchdog_then_finds_nothing() throws Exception {
        cut.submit(List.of(run("quick", 5L, () -> "done")));
        Execution done = nextRecorded();
        assertThat(done.status()).isEqualTo(ExecutionStatus.succeeded);
        clock.advance(Duration.ofSeconds(10));
        cut.timeOut();
        assertThat(recorded.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void a_cancel_published_by_another_instance_stops_the_run_here_and_is_ignored_elsewhere() throws Exception {
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        Run running = run("remote", null, ignoringInterrupts(started, release, new AtomicBoolean()));
        cut.submit(List.of(running));
        await(started);
        var cancels = new Cancels();
        cancels.workers = cut;

        cancels.onChanged(new Changed(Changed.CANCEL, Ids.newId()));
        cancels.onChanged(new Changed("job", running.execution().id()));
        assertThat(recorded.poll(200, TimeUnit.MILLISECONDS)).as("not this instance's run, or not a cancel").isNull();

        cancels.onChanged(new Changed(Changed.CANCEL, running.execution().id()));
        Execution cancelled = nextRecorded();
        assertThat(cancelled.status()).isEqualTo(ExecutionStatus.cancelled);
        assertThat(cut.stuck()).isEqualTo(1);
        release.countDown();
        assertThat(awaitStuck(0)).isTrue();
        assertThat(recorded.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    boolean awaitStuck(int n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (cut.stuck() == n) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}
