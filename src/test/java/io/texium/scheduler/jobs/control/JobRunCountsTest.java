package io.texium.scheduler.jobs.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.jobs.entity.RecentFire;
import io.texium.scheduler.platform.MemoryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The recent fires a job document keeps for the timers view, on a real (in-process) store. */
class JobRunCountsTest {

    static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");

    MemoryStore store;
    JobRunCounts cut;
    final String jobId = new ObjectId().toHexString();

    @BeforeEach
    void open() {
        store = new MemoryStore();
        cut = new JobRunCounts();
        cut.store = store;
        cut.schedules = new JobSchedules();
        store.database().getCollection(JobDocuments.COLLECTION).insertOne(new Document("_id", new ObjectId(jobId)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static RecentFire fire(int second) {
        Instant due = T0.plusSeconds(second);
        return new RecentFire("x" + second, due, due.plusMillis(second), "succeeded");
    }

    List<RecentFire> stored() {
        var d = store.database().getCollection(JobDocuments.COLLECTION).find(new Document("_id", new ObjectId(jobId))).first();
        return JobDocuments.job(d).recentFires();
    }

    @Test
    void keeps_the_last_ten_fires_in_due_order_even_when_recorded_out_of_order() {
        List<RecentFire> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batch.add(fire(i));
        }
        cut.add(List.of(new JobRunCounts.Runs(jobId, 8, T0.plusSeconds(7), List.of(), batch)));
        // another instance records two later fires, then an earlier one arrives late
        cut.add(List.of(new JobRunCounts.Runs(jobId, 2, T0.plusSeconds(12), List.of(), List.of(fire(12), fire(11)))));
        cut.add(List.of(new JobRunCounts.Runs(jobId, 1, T0.plusSeconds(9), List.of(), List.of(fire(9)))));

        var fires = stored();
        assertThat(fires).hasSize(JobRunCounts.RECENT_FIRES);
        assertThat(fires).extracting(RecentFire::executionId)
                .containsExactly("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x9", "x11", "x12");
    }

    @Test
    void a_run_that_was_no_fire_leaves_the_recent_fires_alone() {
        cut.add(List.of(new JobRunCounts.Runs(jobId, 1, T0, List.of())));
        assertThat(stored()).isEmpty();
    }

    @Test
    void a_fire_that_never_started_is_kept_without_a_start() {
        cut.add(List.of(new JobRunCounts.Runs(jobId, 0, null, List.of(), List.of(new RecentFire("x1", T0, null, "cancelled")))));
        assertThat(stored()).containsExactly(new RecentFire("x1", T0, null, "cancelled"));
    }
}
