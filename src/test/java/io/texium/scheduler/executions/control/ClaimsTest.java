package io.texium.scheduler.executions.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoTimeoutException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.cluster.control.Owners;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.jobs.control.JobSchedules;
import io.texium.scheduler.jobs.entity.ActiveRun;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.SettableClock;
import io.texium.scheduler.schedule.ScheduleSpec;
import io.texium.scheduler.users.control.InactiveUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The claim writer without a store: which fires become which executions, and what a store outage does to them. */
class ClaimsTest {

    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    Claims cut;
    SettableClock clock = new SettableClock(T0);
    Map<String, Job> stored = new HashMap<>();
    List<Execution> claimed = new ArrayList<>();
    List<Execution> recorded = new ArrayList<>();
    List<Run> submitted = new ArrayList<>();
    Map<String, String> otherInstanceHas = new HashMap<>();
    List<Run> startedAtOnce = new ArrayList<>();
    Set<String> inactiveOwners = new HashSet<>();
    Set<String> endingHere = new HashSet<>();
    List<ActiveRun> marked = new ArrayList<>();
    List<Execution> skippedEntries = new ArrayList<>();
    int freeWorkers;
    Owners owners = Owners.of(List.of("instance-1"), 2);
    int released;
    boolean storeDown;

    @BeforeEach
    void wire() {
        cut = new Claims();
        cut.clock = clock;
        cut.recorder = new RunRecorder() {
            @Override
            boolean ending(String executionId) {
                return endingHere.contains(executionId);
            }
        };
        cut.activeMarks = new ActiveMarks() {
            @Override
            void claimed(Map<String, List<ActiveRun>> byJob) {
                super.claimed(byJob);
                byJob.values().forEach(marked::addAll);
            }
        };
        cut.maxHeld = 1000;
        cut.schedules = new JobSchedules();
        cut.inactiveUsers = new InactiveUsers() {
            @Override
            public boolean contains(String userId) {
                return inactiveOwners.contains(userId);
            }
        };
        cut.jobs = new JobQueries() {
            @Override
            public Map<String, Job> byIds(Collection<String> ids) {
                if (storeDown) {
                    throw new MongoTimeoutException("store down");
                }
                Map<String, Job> found = new HashMap<>();
                ids.forEach(id -> {
                    if (stored.containsKey(id)) {
                        found.put(id, stored.get(id));
                    }
                });
                return found;
            }
        };
        cut.writes = new ExecutionWrites() {
            @Override
            public Claimed claim(List<Execution> executions, String instanceId) {
                var won = executions.stream().filter(x -> !otherInstanceHas.containsKey(x.id())).toList();
                claimed.addAll(won);
                return new Claimed(won, executions.size() - won.size());
            }

            @Override
            public void record(List<Execution> executions) {
                recorded.addAll(executions);
            }

            @Override
            public void skipFires(List<Execution> entries) {
                skippedEntries.addAll(entries);
            }
        };
        cut.workers = new Workers() {
            @Override
            int reserve(int wanted) {
                return Math.min(wanted, freeWorkers);
            }

            @Override
            void release(int reserved) {
                released += reserved;
            }

            @Override
            void startReserved(List<Run> runs) {
                startedAtOnce.addAll(runs);
            }

            @Override
            void submit(List<Run> runs) {
                submitted.addAll(runs);
            }
        };
        cut.instances = new Instances() {
            @Override
            public String id() {
                return "instance-1";
            }

            @Override
            public Owners owners() {
                return owners;
            }

            @Override
            public Duration ttl() {
                return Duration.ofSeconds(30);
            }
        };
        cut.metrics = new PipelineMetrics();
        cut.metrics.registry = new SimpleMeterRegistry();
        cut.metrics.register();
    }

    Job job(String id, String second, String minute) {
        Job job = new Job().id(id).name("job " + id).userId("u1").jobClassString("jobs.echo.EchoJob")
                .schedule(ScheduleSpec.ofFields(null, null, null, null, null, null, minute, second, "UTC"))
                .enabled(true).paused(false);
        stored.put(id, job);
        return job;
    }

    static String id(int n) {
        return "%024x".formatted(n);
    }

    @Nested
    @DisplayName("a fire becomes one scheduled execution per due time")
    class DueFires {

        @Test
        void a_fire_on_time_claims_its_due_second_under_the_fire_id() {
            job(id(1), "*", null);
            cut.armed(id(1), T0.minusMillis(300));
            clock.set(T0.plusMillis(12));
            cut.claim(List.of(new Fire(id(1), T0.plusMillis(5), T0.plusSeconds(1))));

            assertThat(claimed).singleElement().satisfies(x -> {
                assertThat(x.id()).isEqualTo(Ids.forFire(id(1), T0));
                assertThat(x.status()).isEqualTo(ExecutionStatus.scheduled);
                assertThat(x.scheduledTime()).isEqualTo(T0);
                assertThat(x.firedAt()).isEqualTo(T0.plusMillis(5));
                assertThat(x.createdAt()).isEqualTo(T0.plusMillis(12));
                assertThat(x.instanceId()).isEqualTo("instance-1");
                assertThat(x.userId()).isEqualTo("u1");
            });
            assertThat(submitted).extracting(r -> r.execution().id()).containsExactly(Ids.forFire(id(1), T0));
        }

        @Test
        void a_late_timeout_catches_up_the_seconds_its_timer_skipped() {
            job(id(1), "*", null).maxInstances(1000);
            cut.claim(List.of(new Fire(id(1), T0.plusMillis(5), T0.plusSeconds(1))));
            cut.claim(List.of(new Fire(id(1), T0.plusSeconds(3).plusMillis(900), T0.plusSeconds(4))));

            assertThat(claimed).extracting(Execution::scheduledTime)
                    .containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3));
        }

        @Test
        void a_fire_delivered_before_its_job_was_re_armed_still_claims_its_due_second() {
            job(id(1), "*", null);
            cut.armed(id(1), T0.minusMillis(300));
            Fire delivered = new Fire(id(1), T0.plusMillis(2), T0.plusSeconds(1));
            cut.armed(id(1), T0.plusMillis(10)); // re-armed (a change from another instance) before the claim
            cut.claim(List.of(delivered, new Fire(id(1), T0.plusSeconds(1).plusMillis(3), T0.plusSeconds(2))));

            assertThat(claimed).extracting(Execution::scheduledTime).containsExactly(T0, T0.plusSeconds(1));
        }

        @Test
        void a_timer_re_armed_in_a_due_second_catches_up_the_fire_its_predecessor_did_not_deliver() {
            job(id(1), "*", null);
            cut.armed(id(1), T0.minusMillis(1500));
            // re-armed 0.3 ms after T0 fell due: the old timer was cancelled before it delivered T0, so the new one
            // is armed as from just before T0 (JobTimers.coveredFrom)
            cut.armed(id(1), T0.minusNanos(1));
            clock.set(T0.plusSeconds(1).plusMillis(2));
            cut.claim(List.of(new Fire(id(1), T0.plusSeconds(1).plusMillis(2), T0.plusSeconds(2))));

            assertThat(claimed).extracting(Execution::scheduledTime).containsExactly(T0, T0.plusSeconds(1));
        }

        @Test
        void a_fire_of_a_new_timer_claims_nothing_due_before_it_was_armed() {
            job(id(1), "*", null).maxInstances(1000);
            cut.armed(id(1), T0.minusMillis(300));
            cut.claim(List.of(new Fire(id(1), T0.plusMillis(5), T0.plusSeconds(1))));
            cut.armed(id(1), T0.plusSeconds(5).plusMillis(400)); // resumed after a pause
            cut.claim(List.of(new Fire(id(1), T0.plusSeconds(6).plusMillis(4), T0.plusSeconds(7))));

            assertThat(claimed).extracting(Execution::scheduledTime).containsExactly(T0, T0.plusSeconds(6));
        }

        @Test
        void a_job_paused_or_deleted_before_the_claim_records_nothing() {
            job(id(1), "*", null).paused(true);
            cut.claim(List.of(new Fire(id(1), T0.plusMillis(5), T0.plusSeconds(1)),
                    new Fire(id(2), T0.plusMillis(5), T0.plusSeconds(1))));

            assertThat(claimed).isEmpty();
            assertThat(recorded).isEmpty();
        }

        @Test
        void a_job_whose_owner_was_deactivated_before_the_claim_records_nothing() {
            job(id(1), "*", null);
            job(id(2), "*", null).userId("u2");
            inactiveOwners.add("u1");
            cut.claim(List.of(new Fire(id(1), T0.plusMillis(5), T0.plusSeconds(1)),
                    new Fire(id(2), T0.plusMillis(5), T0.plusSeconds(1))));

            assertThat(claimed).extracting(Execution::jobId).containsExactly(id(2));
            assertThat(recorded).isEmpty();
        }

        @Test
        void claims_that_find_a_free_worker_are_recorded_running_and_start_without_another_write() {
            job(id(1), "0", null);
            job(id(2), "0", null);
            job(id(3), "0", null);
            freeWorkers = 2;
            otherInstanceHas.put(Ids.forFire(id(2), T0), "instance-2");
            cut.claim(List.of(new Fire(id(1), T0.plusMillis(5), T0.plusSeconds(60)),
                    new Fire(id(2), T0.plusMillis(6), T0.plusSeconds(60)),
                    new Fire(id(3), T0.plusMillis(7), T0.plusSeconds(60))));

            assertThat(startedAtOnce).extracting(r -> r.job().id()).containsExactly(id(1));
            assertThat(startedAtOnce.get(0).execution().status()).isEqualTo(ExecutionStatus.running);
            assertThat(released).as("the worker reserved for the fire another instance has").isEqualTo(1);
            assertThat(submitted).extracting(r -> r.job().id()).containsExactly(id(3));
            assertThat(submitted.get(0).execution().status()).isEqualTo(ExecutionStatus.scheduled);
        }

        @Test
        void a_fire_another_instance_claimed_is_not_run_here() {
            job(id(1), "0", null);
            job(id(2), "0", null);
            otherInstanceHas.put(Ids.forFire(id(1), T0), "instance-2");
            cut.claim(List.of(new Fire(id(1), T0.plusMillis(5), T0.plusSeconds(60)),
                    new Fire(id(2), T0.plusMillis(7), T0.plusSeconds(60))));

            assertThat(submitted).extracting(r -> r.job().id()).containsExactly(id(2));
        }
    }

    @Nested
    @DisplayName("while the store is away")
    class Outage {

        @Test
        void a_refused_claim_leaves_every_fire_for_the_next_attempt() {
            job(id(1), "*", null);
            storeDown = true;
            var fire = new Fire(id(1), T0.plusMillis(5), T0.plusSeconds(1));
            assertThatThrownBy(() -> cut.claim(List.of(fire))).isInstanceOf(MongoTimeoutException.class);

            storeDown = false;
            clock.set(T0.plusSeconds(20));
            cut.claim(List.of(fire));
            assertThat(claimed).extracting(Execution::scheduledTime).containsExactly(T0);
        }

        @Test
        void fires_due_longer_ago_than_the_grace_become_one_missed_entry_per_job() {
            job(id(1), "*", null).misfireGraceSeconds(60L);
            cut.armed(id(1), T0.minusMillis(1));
            List<Fire> held = new ArrayList<>();
            for (int s = 0; s < 5; s++) {
                held.add(new Fire(id(1), T0.plusSeconds(s).plusMillis(3), T0.plusSeconds(s + 1)));
            }
            clock.set(T0.plusSeconds(63).plusMillis(500));
            cut.claim(held);

            assertThat(recorded).singleElement().satisfies(m -> {
                assertThat(m.status()).isEqualTo(ExecutionStatus.missed);
                assertThat(m.fireCount()).isEqualTo(4);
                assertThat(m.scheduledTime()).isEqualTo(T0);
                assertThat(m.lastScheduledTime()).isEqualTo(T0.plusSeconds(3));
                assertThat(m.reason()).contains("store was unreachable");
            });
            assertThat(claimed).extracting(Execution::scheduledTime).containsExactly(T0.plusSeconds(4));
        }
    }

    @Nested
    @DisplayName("misfire grace and coalesce: fires that could not run on time")
    class LateFires {

        List<Fire> heldFor(int seconds) {
            List<Fire> held = new ArrayList<>();
            for (int s = 0; s < seconds; s++) {
                held.add(new Fire(id(1), T0.plusSeconds(s).plusMillis(3), T0.plusSeconds(s + 1)));
            }
            return held;
        }

        @Test
        void late_fires_within_the_grace_run_once_when_coalesced_and_the_rest_are_one_skipped_entry() {
            job(id(1), "*", null);
            cut.armed(id(1), T0.minusMillis(1));
            clock.set(T0.plusSeconds(60));
            cut.claim(heldFor(30));

            assertThat(claimed).extracting(Execution::scheduledTime).containsExactly(T0.plusSeconds(29));
            assertThat(recorded).isEmpty();
            assertThat(skippedEntries).singleElement().satisfies(k -> {
                assertThat(k.status()).isEqualTo(ExecutionStatus.skipped);
                assertThat(k.fireCount()).isEqualTo(29);
                assertThat(k.scheduledTime()).isEqualTo(T0);
                assertThat(k.lastScheduledTime()).isEqualTo(T0.plusSeconds(28));
                assertThat(k.reason()).startsWith("coalesced: 29 fire(s)").contains(T0.plusSeconds(29).toString());
            });
        }

        @Test
        void late_fires_within_the_grace_each_run_without_coalesce() {
            job(id(1), "*", null).coalesce(false).maxInstances(50);
            cut.armed(id(1), T0.minusMillis(1));
            clock.set(T0.plusSeconds(60));
            cut.claim(heldFor(30));

            assertThat(claimed).hasSize(30);
            assertThat(skippedEntries).isEmpty();
        }

        @Test
        void the_grace_splits_late_fires_into_missed_ones_and_one_coalesced_run() {
            job(id(1), "*", null).misfireGraceSeconds(40L);
            cut.armed(id(1), T0.minusMillis(1));
            clock.set(T0.plusSeconds(60));
            cut.claim(heldFor(30)); // due T0..T29: before T20 missed, T20..T29 late within the grace

            assertThat(recorded).singleElement().satisfies(m -> {
                assertThat(m.status()).isEqualTo(ExecutionStatus.missed);
                assertThat(m.fireCount()).isEqualTo(20);
                assertThat(m.reason()).contains("misfire_grace_seconds (40 s)");
            });
            assertThat(claimed).extracting(Execution::scheduledTime).containsExactly(T0.plusSeconds(29));
            assertThat(skippedEntries).singleElement().extracting(Execution::fireCount).isEqualTo(9L);
        }

        @Test
        void a_grace_of_zero_misses_late_fires_but_runs_one_claimed_on_time() {
            job(id(1), "*", null).misfireGraceSeconds(0L).maxInstances(1000);
            cut.armed(id(1), T0.minusMillis(1));
            clock.set(T0.plusSeconds(20));
            cut.claim(heldFor(15)); // due T0..T14: before T10 more than 10 s late, T10..T14 on time

            assertThat(recorded).singleElement().extracting(Execution::fireCount).isEqualTo(10L);
            assertThat(claimed).extracting(Execution::scheduledTime).containsExactly(T0.plusSeconds(10), T0.plusSeconds(11),
                    T0.plusSeconds(12), T0.plusSeconds(13), T0.plusSeconds(14));
        }

        @Test
        void a_timer_a_few_seconds_behind_is_on_time_and_each_of_its_fires_runs() {
            job(id(1), "*", null).maxInstances(1000);
            cut.claim(List.of(new Fire(id(1), T0.plusMillis(5), T0.plusSeconds(1))));
            clock.set(T0.plusSeconds(4));
            cut.claim(List.of(new Fire(id(1), T0.plusSeconds(3).plusMillis(900), T0.plusSeconds(4))));

            assertThat(claimed).hasSize(4);
            assertThat(skippedEntries).isEmpty();
        }
    }

    @Nested
    @DisplayName("max_instances: fires that would overlap an active run")
    class Overlaps {

        static final String RUNNING = Ids.forFire(id(1), T0.minusSeconds(5));

        @Test
        void a_fire_while_the_job_has_max_instances_runs_active_is_skipped_naming_the_run() {
            job(id(1), "*", null).activeRuns(List.of(new ActiveRun(RUNNING, "instance-2")));
            clock.set(T0.plusMillis(10));
            cut.claim(List.of(new Fire(id(1), T0.plusMillis(5), T0.plusSeconds(1))));

            assertThat(claimed).isEmpty();
            assertThat(skippedEntries).singleElement().satisfies(k -> {
                assertThat(k.fireCount()).isEqualTo(1);
                assertThat(k.scheduledTime()).isEqualTo(T0);
                assertThat(k.reason()).contains("max_instances (1)").contains(RUNNING);
            });
        }

        @Test
        void every_fire_one_run_overlaps_goes_to_the_same_entry() {
            job(id(1), "*", null).activeRuns(List.of(new ActiveRun(RUNNING, "instance-2")));
            cut.claim(List.of(new Fire(id(1), T0.plusMillis(5), T0.plusSeconds(1))));
            clock.set(T0.plusSeconds(1));
            cut.claim(List.of(new Fire(id(1), T0.plusSeconds(1).plusMillis(5), T0.plusSeconds(2))));

            assertThat(skippedEntries).hasSize(2).extracting(Execution::id).containsOnly(skippedEntries.get(0).id());
            assertThat(skippedEntries).extracting(Execution::scheduledTime).containsExactly(T0, T0.plusSeconds(1));
        }

        @Test
        void below_max_instances_the_fire_runs_and_is_marked_active() {
            job(id(1), "*", null).maxInstances(2).activeRuns(List.of(new ActiveRun(RUNNING, "instance-2")));
            cut.claim(List.of(new Fire(id(1), T0.plusMillis(5), T0.plusSeconds(1))));

            assertThat(claimed).extracting(Execution::id).containsExactly(Ids.forFire(id(1), T0));
            assertThat(marked).containsExactly(new ActiveRun(Ids.forFire(id(1), T0), "instance-1"));
        }

        @Test
        void a_run_claimed_here_blocks_the_next_fire_before_the_store_lists_it_and_not_after_it_ended() {
            job(id(1), "*", null);
            cut.claim(List.of(new Fire(id(1), T0.plusMillis(5), T0.plusSeconds(1))));
            clock.set(T0.plusSeconds(1));
            cut.claim(List.of(new Fire(id(1), T0.plusSeconds(1).plusMillis(5), T0.plusSeconds(2))));

            assertThat(skippedEntries).singleElement().satisfies(k -> assertThat(k.reason()).contains(Ids.forFire(id(1), T0)));

            cut.activeMarks.ended(id(1), Ids.forFire(id(1), T0));
            clock.set(T0.plusSeconds(2));
            cut.claim(List.of(new Fire(id(1), T0.plusSeconds(2).plusMillis(5), T0.plusSeconds(3))));
            assertThat(claimed).extracting(Execution::scheduledTime).containsExactly(T0, T0.plusSeconds(2));
        }

        @Test
        void the_fires_own_claim_by_another_owner_and_runs_ended_here_do_not_count() {
            String endedHere = Ids.forFire(id(1), T0.minusSeconds(1));
            job(id(1), "*", null).activeRuns(List.of(new ActiveRun(Ids.forFire(id(1), T0), "instance-2"),
                    new ActiveRun(endedHere, "instance-1")));
            endingHere.add(endedHere);
            otherInstanceHas.put(Ids.forFire(id(1), T0), "instance-2");
            cut.claim(List.of(new Fire(id(1), T0.plusMillis(5), T0.plusSeconds(1))));

            assertThat(skippedEntries).isEmpty();
            assertThat(claimed).isEmpty(); // the other owner has it
        }
    }

    @Nested
    @DisplayName("two owners per job: the primary claims, the other keeps the fire in standby")
    class Standby {

        /** A job id whose primary owner, among instance-1 and instance-2, is {@code primary}. */
        String jobWithPrimary(String primary) {
            for (int n = 1; ; n++) {
                if (Owners.of(List.of("instance-1", "instance-2"), 2).of(id(n)).getFirst().equals(primary)) {
                    return id(n);
                }
            }
        }

        @Test
        void each_owner_claims_the_fires_of_the_jobs_it_is_primary_for_and_keeps_the_others() {
            owners = Owners.of(List.of("instance-1", "instance-2"), 2);
            String mine = jobWithPrimary("instance-1");
            String theirs = jobWithPrimary("instance-2");
            Fire ours = new Fire(mine, T0.plusMillis(3), T0.plusSeconds(1));
            Fire kept = new Fire(theirs, T0.plusMillis(3), T0.plusSeconds(1));

            assertThat(cut.ownFires(List.of(ours, kept))).containsExactly(ours);
            assertThat(cut.ownFires(List.of())).isEmpty();
        }

        @Test
        void when_the_primary_is_lost_its_fires_kept_in_standby_are_claimed_here() {
            owners = Owners.of(List.of("instance-1", "instance-2"), 2);
            Fire kept = new Fire(jobWithPrimary("instance-2"), T0.plusMillis(3), T0.plusSeconds(1));
            cut.ownFires(List.of(kept));

            owners = Owners.of(List.of("instance-1"), 2); // instance-2 found lost
            clock.set(T0.plusSeconds(35));
            assertThat(cut.ownFires(List.of())).containsExactly(kept);
        }

        @Test
        void a_fire_kept_longer_than_it_takes_to_find_the_primary_lost_is_dropped() {
            owners = Owners.of(List.of("instance-1", "instance-2"), 2);
            cut.ownFires(List.of(new Fire(jobWithPrimary("instance-2"), T0.plusMillis(3), T0.plusSeconds(1))));

            clock.set(T0.plusSeconds(71)); // past twice the time-to-live and 10 s: the primary lived on and claimed it
            cut.ownFires(List.of());
            owners = Owners.of(List.of("instance-1"), 2);
            assertThat(cut.ownFires(List.of())).isEmpty();
        }
    }
}
