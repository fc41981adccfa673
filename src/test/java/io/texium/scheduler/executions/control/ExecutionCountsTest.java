package io.texium.scheduler.executions.control;

import static io.texium.scheduler.executions.control.ExecutionStore.finished;
import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.executions.control.ExecutionQueries.Filter;
import io.texium.scheduler.executions.control.ExecutionQueries.Keys;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.platform.Housekeeping;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The maintained counts follow every write of the pipeline, the migration and the retention; checked against the buckets. */
class ExecutionCountsTest {

    static final Instant NOW = Instant.parse("2026-11-29T09:59:58Z");
    static final String ME = "instance-1";

    ExecutionStore store;

    @BeforeEach
    void open() {
        store = new ExecutionStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    Execution scheduled(String job, String user, Instant due) {
        return new Execution().id(Ids.forFire(job, due)).jobId(job).userId(user).status(ExecutionStatus.scheduled)
                .trigger("schedule").scheduledTime(due).createdAt(due).instanceId(ME).hostname("host");
    }

    /** What the buckets hold, counted by hand, in the shape of the maintained counts. */
    Map<ExecutionStatus, Long> stored(String userId) {
        Map<ExecutionStatus, Long> counted = new EnumMap<>(ExecutionStatus.class);
        for (ExecutionStatus s : ExecutionStatus.values()) {
            counted.put(s, 0L);
        }
        store.all().stream().filter(x -> userId == null || userId.equals(x.userId())).forEach(x -> counted.merge(x.status(), 1L, Long::sum));
        return counted;
    }

    void assertCountsMatchTheBuckets() {
        for (String user : new String[] {null, "alice", "bob"}) {
            assertThat(store.counts.totals(user)).as("user " + user).isEqualTo(stored(user));
        }
        for (ExecutionBucket bucket : store.buckets.stored()) {
            var executions = store.buckets.read(bucket);
            assertThat(store.counts.perBucket("all").getOrDefault(bucket, 0L)).as("all in " + bucket)
                    .isEqualTo(executions.countDocuments());
            assertThat(store.counts.perBucket("open").getOrDefault(bucket, 0L)).as("open in " + bucket)
                    .isEqualTo(executions.countDocuments(new Document("status", new Document("$in", List.of("scheduled", "running")))));
            for (String field : List.of("job_id", "user_id")) {
                for (String value : executions.distinct(field, String.class)) {
                    String kind = field.replace("_id", "") + ":" + value;
                    assertThat(store.counts.perBucket(kind).getOrDefault(bucket, 0L)).as(kind + " in " + bucket)
                            .isEqualTo(executions.countDocuments(new Document(field, value)));
                }
            }
        }
    }

    @Test
    @DisplayName("claim, start, finish, skip and fail-running keep the counts equal to the buckets, across an hour's edge")
    void the_pipeline_keeps_the_counts() {
        List<Execution> batch = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            batch.add(scheduled("job-a", "alice", NOW.plusSeconds(s)));
            batch.add(scheduled("job-b", "bob", NOW.plusSeconds(s)));
        }
        var claimed = store.writes.claim(batch, ME);
        assertThat(claimed.won()).hasSize(8);
        assertThat(store.buckets.stored()).extracting(ExecutionBucket::name).containsExactly("2026112909", "2026112910");
        assertCountsMatchTheBuckets();

        // a second claim of the same fires by another instance loses them all and counts nothing
        assertThat(store.writes.claim(batch, "instance-2").lost()).isEqualTo(8);
        assertCountsMatchTheBuckets();

        Set<String> started = store.writes.start(batch.subList(0, 6), ME, "host", NOW.plusSeconds(5));
        assertThat(started).hasSize(6);
        assertCountsMatchTheBuckets();

        List<Execution> done = new ArrayList<>();
        for (Execution x : batch.subList(0, 4)) {
            done.add(x.status(x.jobId().equals("job-a") ? ExecutionStatus.succeeded : ExecutionStatus.failed)
                    .startedAt(NOW.plusSeconds(5)).completedAt(NOW.plusSeconds(6)).durationMs(1000L));
        }
        store.writes.finish(done, ME);
        assertCountsMatchTheBuckets();
        // a finish fenced off (the execution is not running here) changes nothing
        store.writes.finish(List.of(batch.get(4).status(ExecutionStatus.succeeded).completedAt(NOW)), "instance-2");
        assertCountsMatchTheBuckets();

        store.writes.skip(batch.subList(6, 8), "the job was deleted");
        assertThat(store.writes.holders()).containsExactly(ME);
        assertThat(store.writes.failRunning(ME, "instance lost", NOW.plusSeconds(9))).isEqualTo(2);
        assertCountsMatchTheBuckets();
        assertThat(store.counts.open()).as("nothing unfinished is left").isEmpty();
        assertThat(store.writes.holders()).isEmpty();
    }

    @Test
    void scheduled_work_of_an_instance_is_found_in_the_open_buckets_only() {
        store.writes.record(List.of(finished("job-a", "alice", NOW.minusSeconds(7200), ExecutionStatus.succeeded)));
        store.writes.claim(List.of(scheduled("job-a", "alice", NOW), scheduled("job-a", "alice", NOW.plusSeconds(3))), ME);
        assertThat(store.counts.open()).extracting(ExecutionBucket::name).containsExactly("2026112909", "2026112910");
        assertThat(store.writes.scheduledOf(ME, 10)).extracting(d -> d.getDate("scheduled_time").toInstant())
                .containsExactly(NOW, NOW.plusSeconds(3));
        assertThat(store.writes.reassign(ME, ExecutionStatus.scheduled, "instance-2")).isEqualTo(2);
        assertThat(store.writes.scheduledOf("instance-2", 1)).hasSize(1);
    }

    @Test
    @DisplayName("executions of the single collection of earlier versions are moved into their buckets once, and counted")
    void the_old_collection_is_migrated() {
        List<Execution> old = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            old.add(finished("job-" + i % 3, i % 2 == 0 ? "alice" : "bob", NOW.minusSeconds(10L * i),
                    i % 5 == 0 ? ExecutionStatus.failed : ExecutionStatus.succeeded));
        }
        var legacy = store.db.getCollection(ExecutionMigration.LEGACY);
        legacy.insertMany(old.stream().map(ExecutionWrites::document).toList());
        // one of them was copied already by a migration that stopped before deleting it
        store.buckets.insert(ExecutionBucket.ofId(old.get(7).id()), List.of(ExecutionWrites.document(old.get(7))));

        assertThat(store.migration.migrate()).isEqualTo(2_500);
        assertThat(legacy.countDocuments()).isZero();
        assertThat(store.all()).hasSize(2_500);
        assertCountsMatchTheBuckets();
        var newest = store.queries.list(new Filter(null, null, null, null, null), new PageRequest(1, 5), Keys.NONE);
        assertThat(newest.items()).extracting(Execution::id).containsExactlyElementsOf(
                old.subList(0, 5).stream().map(Execution::id).toList());
        assertThat(newest.total()).isEqualTo(2_500);

        assertThat(store.migration.migrate()).as("a second start moves nothing").isZero();
        assertCountsMatchTheBuckets();
    }

    @Test
    void dropping_old_buckets_takes_their_counts_off() {
        List<Execution> executions = new ArrayList<>();
        for (int h = 0; h < 5; h++) {
            executions.add(finished("job-a", "alice", NOW.minusSeconds(3600L * h), ExecutionStatus.succeeded));
            executions.add(finished("job-b", "bob", NOW.minusSeconds(3600L * h), ExecutionStatus.failed));
        }
        store.writes.record(executions);
        assertThat(store.retention.deleteBefore(Instant.parse("2026-11-29T08:00:00Z"), null, null))
                .isEqualTo(new ExecutionRetention.Removed(3, 6));
        assertThat(store.buckets.stored()).extracting(ExecutionBucket::name).containsExactly("2026112908", "2026112909");
        assertThat(store.counts.perBucket("all").keySet()).extracting(ExecutionBucket::name).containsExactly("2026112909", "2026112908");
        assertThat(store.counts.totals(null).get(ExecutionStatus.failed)).isEqualTo(2);
        assertCountsMatchTheBuckets();
    }

    @Test
    void the_daily_retention_drops_the_buckets_older_than_its_days_and_zero_keeps_all() {
        store.writes.record(List.of(finished("job-a", "alice", NOW.minus(Duration.ofDays(31)), ExecutionStatus.succeeded),
                finished("job-a", "alice", NOW.minus(Duration.ofDays(29)), ExecutionStatus.failed),
                finished("job-a", "alice", NOW, ExecutionStatus.succeeded)));
        store.retention.days = 0;
        store.retention.onDaily(new Housekeeping.Daily(NOW));
        assertThat(store.buckets.stored()).hasSize(3);

        store.retention.days = 30;
        store.retention.onDaily(new Housekeeping.Daily(NOW));
        assertThat(store.buckets.stored()).extracting(ExecutionBucket::name).containsExactly("2026103109", "2026112909");
        assertCountsMatchTheBuckets();
    }

    @Test
    @DisplayName("a clean-up by status or user deletes only those documents, keeps newer and unfinished ones, and the counts follow")
    void cleaning_up_by_status_and_user_keeps_the_rest() {
        List<Execution> executions = new ArrayList<>();
        for (int h = 0; h < 4; h++) {
            executions.add(finished("job-a", "alice", NOW.minusSeconds(3600L * h), ExecutionStatus.succeeded));
            executions.add(finished("job-a", "alice", NOW.minusSeconds(3600L * h + 60), ExecutionStatus.failed));
            executions.add(finished("job-b", "bob", NOW.minusSeconds(3600L * h), ExecutionStatus.failed));
        }
        store.writes.record(executions);
        Instant cutoff = NOW.minusSeconds(3600L * 2 - 1);

        var removed = store.retention.deleteBefore(cutoff, Set.of(ExecutionStatus.failed), "alice");

        assertThat(removed).isEqualTo(new ExecutionRetention.Removed(0, 2));
        assertThat(store.all()).hasSize(10).noneMatch(x -> x.userId().equals("alice") && x.status() == ExecutionStatus.failed
                && x.scheduledTime().isBefore(cutoff));
        assertThat(store.all()).filteredOn(x -> !x.scheduledTime().isBefore(cutoff)).hasSize(6);
        assertCountsMatchTheBuckets();

        var rest = store.retention.deleteBefore(cutoff, null, null);
        assertThat(rest.executionsDeleted()).isEqualTo(4);
        assertThat(store.all()).hasSize(6).allMatch(x -> !x.scheduledTime().isBefore(cutoff));
        assertCountsMatchTheBuckets();
    }
}
