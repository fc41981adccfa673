package io.texium.scheduler.executions.control;

import static io.texium.scheduler.executions.control.ExecutionStore.finished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.texium.scheduler.executions.control.ExecutionQueries.Filter;
import io.texium.scheduler.executions.control.ExecutionQueries.Keys;
import io.texium.scheduler.executions.control.ExecutionQueries.Slice;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.PageRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Pages across hourly buckets: five hours of per-minute fires of three jobs, two users, plus manual runs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutionQueriesTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T09:30:00Z"), ZoneOffset.UTC);
    static final String ALICE = "alice";
    static final String BOB = "bob";

    ExecutionStore store;
    ExecutionQueries cut;
    List<Execution> all;

    @BeforeAll
    void seed() {
        store = new ExecutionStore();
        cut = store.queries;
        Instant now = CLOCK.instant();
        List<Execution> executions = new ArrayList<>();
        int n = 0;
        for (Instant due = now.minus(Duration.ofHours(5)); due.isBefore(now); due = due.plusSeconds(60)) {
            for (String job : List.of("job-a", "job-b", "job-c")) {
                var status = n++ % 7 == 0 ? ExecutionStatus.failed : ExecutionStatus.succeeded;
                executions.add(finished(job, job.equals("job-c") ? BOB : ALICE, due, status));
            }
        }
        for (Instant at : List.of(now.minusSeconds(5400).plusMillis(700), now.minusMillis(300))) {
            String id = new ObjectId(Date.from(at)).toHexString();
            executions.add(finished("job-a", ALICE, at, ExecutionStatus.succeeded).id(id).trigger("manual"));
        }
        store.writes.record(executions);
        all = store.all();
        assertThat(all).hasSize(executions.size());
    }

    @AfterAll
    void close() {
        store.close();
    }

    List<String> ids(List<Execution> executions) {
        return executions.stream().map(Execution::id).toList();
    }

    List<String> expected(Predicate<Execution> filter) {
        return ids(all.stream().filter(filter).toList());
    }

    Slice page(Filter filter, int page, int size, Keys keys) {
        return cut.list(filter, new PageRequest(page, size), keys);
    }

    static Filter none() {
        return new Filter(null, null, null, null, null);
    }

    @Nested
    @DisplayName("pages by number")
    class Numbered {

        @Test
        void the_first_page_is_the_newest_executions_by_id() {
            Slice first = page(none(), 1, 50, Keys.NONE);
            assertSoftly(s -> {
                s.assertThat(ids(first.items())).isEqualTo(expected(x -> true).subList(0, 50));
                s.assertThat(first.total()).isEqualTo(all.size());
                s.assertThat(first.totalEstimated()).isFalse();
                s.assertThat(first.nextBefore()).isEqualTo(first.items().getLast().id());
                s.assertThat(first.nextAfter()).isNull();
            });
        }

        @ParameterizedTest(name = "page size {0}")
        @ValueSource(ints = {37, 50, 500})
        void pages_run_across_buckets_without_repeats_or_gaps(int size) {
            for (Filter filter : List.of(none(), new Filter("job-b", null, null, null, null),
                    new Filter(null, ALICE, ExecutionStatus.failed, null, null))) {
                List<String> walked = new ArrayList<>();
                for (int p = 1; ; p++) {
                    Slice slice = page(filter, p, size, Keys.NONE);
                    if (slice.items().isEmpty()) {
                        break;
                    }
                    walked.addAll(ids(slice.items()));
                }
                assertThat(walked).as(filter.toString()).isEqualTo(expected(matching(filter)));
            }
        }

        @Test
        void a_page_past_the_end_is_empty() {
            Slice past = page(none(), 100, 50, Keys.NONE);
            assertThat(past.items()).isEmpty();
            assertThat(past.total()).isEqualTo(all.size());
            assertThat(past.nextBefore()).isNull();
        }
    }

    @Nested
    @DisplayName("pages by key")
    class ByKey {

        @ParameterizedTest(name = "page size {0}")
        @ValueSource(ints = {1, 50, 61})
        void before_walks_every_execution_once_newest_first(int size) {
            for (Filter filter : List.of(none(), new Filter("job-a", null, null, null, null),
                    new Filter(null, BOB, ExecutionStatus.failed, null, null))) {
                List<String> walked = new ArrayList<>();
                String before = null;
                do {
                    Slice slice = page(filter, 1, size, new Keys(before, null));
                    assertThat(slice.items()).hasSizeLessThanOrEqualTo(size);
                    walked.addAll(ids(slice.items()));
                    before = slice.nextBefore();
                } while (before != null);
                assertThat(walked).as(filter.toString()).isEqualTo(expected(matching(filter)));
            }
        }

        @Test
        void after_walks_towards_the_newest_a_page_at_a_time() {
            String oldest = all.getLast().id();
            List<String> walked = new ArrayList<>();
            String after = oldest;
            do {
                Slice slice = page(none(), 1, 50, new Keys(null, after));
                walked.addAll(0, ids(slice.items()));
                after = slice.nextAfter();
            } while (after != null);
            assertThat(walked).isEqualTo(expected(x -> !x.id().equals(oldest)));
        }

        @Test
        void before_and_after_together_bound_a_window() {
            String newer = all.get(10).id();
            String older = all.get(200).id();
            Slice window = page(none(), 1, 500, new Keys(newer, older));
            assertThat(ids(window.items())).isEqualTo(ids(all.subList(11, 200)));
            assertThat(window.total()).as("the total is the filter's, whatever the keys").isEqualTo(all.size());
        }

        @Test
        void a_key_combines_with_a_page_number() {
            String before = all.get(99).id();
            assertThat(ids(page(none(), 2, 50, new Keys(before, null)).items())).isEqualTo(ids(all.subList(150, 200)));
        }
    }

    @Nested
    @DisplayName("filters")
    class Filters {

        @ParameterizedTest(name = "[{0}, {1})")
        @CsvSource({
                "2026-11-29T06:00:00Z, 2026-11-29T08:00:00Z, 360",
                // the manual run at 08:00:00.7 has its id in the second 08:00:00
                "2026-11-29T06:00:00Z, 2026-11-29T08:00:00.701Z, 364",
                "2026-11-29T08:00:00.700Z, 2026-11-29T08:01:00Z, 1",
                "2026-11-29T08:00:00.701Z, 2026-11-29T08:01:00Z, 0"})
        void since_is_inclusive_and_until_exclusive_on_the_scheduled_time_across_bucket_edges(Instant since, Instant until,
                                                                                                int count) {
            Filter filter = new Filter(null, null, null, since, until);
            List<String> expected = expected(matching(filter));
            assertThat(expected).hasSize(count);
            Slice slice = page(filter, 1, 500, Keys.NONE);
            assertThat(ids(slice.items())).isEqualTo(expected);
            assertThat(slice.total()).isEqualTo(count);
        }

        @ParameterizedTest(name = "bucket {0}, [{1}, {2}): {3}")
        @CsvSource({
                "2026112908, 2026-11-29T08:59:59.999Z, , true",
                "2026112908, 2026-11-29T09:00:00Z, , false",
                "2026112908, , 2026-11-29T07:59:59Z, true",
                "2026112908, , 2026-11-29T07:59:58.999Z, false",
                // the last second of the range: no bucket of year 10000 is asked for
                "9999123123, 9999-12-31T23:00:00Z, 9999-12-31T23:59:59.999999999Z, true",
                "1970010100, 1970-01-01T00:00:00Z, 1970-01-01T00:00:01Z, true"})
        void a_bucket_is_read_when_its_hour_can_hold_a_match(String bucket, Instant since, Instant until, boolean read) {
            assertThat(new Filter(null, null, null, since, until).admits(new ExecutionBucket(bucket))).isEqualTo(read);
        }

        @Test
        void status_since_and_user_narrow_together() {
            Instant since = Instant.parse("2026-11-29T08:10:00Z");
            Filter filter = new Filter(null, ALICE, ExecutionStatus.failed, since, null);
            assertThat(ids(page(filter, 1, 500, Keys.NONE).items())).isEqualTo(expected(matching(filter)));
        }

        @Test
        void a_sparse_job_or_user_is_read_only_from_the_buckets_that_hold_it() {
            Instant now = CLOCK.instant();
            store.writes.record(List.of(finished("job-rare", "carol", now.minus(Duration.ofHours(4)), ExecutionStatus.succeeded),
                    finished("job-rare", "carol", now.minus(Duration.ofHours(1)), ExecutionStatus.failed)));
            try {
                for (Filter filter : List.of(new Filter("job-rare", null, null, null, null), new Filter(null, "carol", null, null, null),
                        new Filter("job-rare", "carol", null, null, null))) {
                    store.reads.clear();
                    Slice slice = page(filter, 1, 50, Keys.NONE);
                    assertThat(slice.items()).extracting(Execution::jobId).containsExactly("job-rare", "job-rare");
                    assertThat(slice.total()).isEqualTo(2);
                    assertThat(slice.totalEstimated()).isFalse();
                    assertThat(store.reads).as(filter.toString()).extracting(ExecutionBucket::name)
                            .containsOnly("2026112908", "2026112905");
                }
                store.reads.clear();
                assertThat(page(new Filter(null, null, ExecutionStatus.running, null, null), 1, 50, Keys.NONE).items()).isEmpty();
                assertThat(store.reads).as("no bucket holds unfinished executions").isEmpty();
            } finally {
                all = store.all();
            }
        }

        @Test
        void one_execution_by_id() {
            Execution some = all.get(123);
            assertThat(cut.find(some.id())).get().usingRecursiveComparison().isEqualTo(some);
            assertThat(cut.find(new ObjectId().toHexString())).isEmpty();
        }
    }

    @Nested
    @DisplayName("totals")
    class Totals {

        @Test
        void only_user_and_status_come_from_the_maintained_counts() {
            Filter filter = new Filter(null, BOB, ExecutionStatus.failed, null, null);
            assertThat(page(filter, 1, 10, Keys.NONE).total()).isEqualTo(expected(matching(filter)).size());
            assertThat(cut.counts(BOB).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(300);
        }

        @Test
        void a_job_alone_comes_from_its_counts_per_bucket() {
            Filter filter = new Filter("job-a", null, null, null, null);
            cut.countLimit = 1;
            try {
                Slice slice = page(filter, 1, 10, Keys.NONE);
                assertThat(slice.total()).isEqualTo(expected(matching(filter)).size());
                assertThat(slice.totalEstimated()).isFalse();
            } finally {
                cut.countLimit = ExecutionQueries.COUNT_LIMIT;
            }
        }

        @Test
        void other_filters_are_counted_exactly_within_the_limit_and_estimated_past_it() {
            Filter filter = new Filter("job-a", ALICE, null, Instant.parse("2026-11-29T05:00:00Z"), null);
            long real = expected(matching(filter)).size();
            Slice exact = page(filter, 1, 10, Keys.NONE);
            assertThat(exact.total()).isEqualTo(real);
            assertThat(exact.totalEstimated()).isFalse();
            cut.countLimit = 200;
            try {
                Slice estimated = page(filter, 1, 10, Keys.NONE);
                assertThat(estimated.totalEstimated()).isTrue();
                assertThat((double) estimated.total()).isCloseTo(real, org.assertj.core.data.Percentage.withPercentage(5));
                assertThat(ids(estimated.items())).isEqualTo(expected(matching(filter)).subList(0, 10));
            } finally {
                cut.countLimit = ExecutionQueries.COUNT_LIMIT;
            }
        }
    }

    @Nested
    @DisplayName("a scan of every match")
    class Scanned {

        @Test
        void hands_over_each_match_once_from_the_buckets_of_the_period_without_output_or_error() {
            Instant now = CLOCK.instant();
            var filter = new Filter(null, ALICE, null, now.minus(Duration.ofMinutes(150)), now.minus(Duration.ofMinutes(30)));
            store.reads.clear();
            List<Execution> seen = new ArrayList<>();

            cut.scan(filter, seen::add);

            assertThat(seen).extracting(Execution::id).containsExactlyInAnyOrderElementsOf(expected(matching(filter)));
            assertThat(seen).allSatisfy(x -> {
                assertThat(x.output()).isNull();
                assertThat(x.error()).isNull();
                assertThat(x.durationMs()).isEqualTo(15L);
            });
            assertThat(store.reads).as("only the hours from 07:00 to 09:00").hasSize(3).doesNotHaveDuplicates();
        }
    }

    static Predicate<Execution> matching(Filter f) {
        return x -> (f.jobId() == null || f.jobId().equals(x.jobId())) && (f.userId() == null || f.userId().equals(x.userId()))
                && (f.status() == null || f.status() == x.status())
                && (f.since() == null || !x.scheduledTime().isBefore(f.since()))
                && (f.until() == null || x.scheduledTime().isBefore(f.until()));
    }
}
