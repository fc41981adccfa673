package io.texium.scheduler.executions.control;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.texium.scheduler.executions.control.ExecutionQueries.Filter;
import io.texium.scheduler.executions.control.ExecutionQueries.Keys;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.platform.PageRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not part of the build: times the four history reads on the embedded store (mongo-java-server on an H2 file) with
 * {@code history.bench.executions} (default 1,000,000) executions of 100 jobs over 30 days, 95% succeeded: on the
 * single collection of earlier versions ({@code history.bench.layout=single}), on the hourly buckets ({@code buckets},
 * the default), or on a copy of the single one migrated first ({@code migrate}). {@code history.bench.runs} timed runs
 * of each read follow {@code history.bench.warmups} passes over all of them, with an H2 page cache of
 * {@code history.bench.cacheMb} (H2's default: 16). A seeded store file under {@code target/history-bench} is reused.
 * <pre>./mvnw -B -ntp test -Dtest=ExecutionHistoryBench -Dhistory.bench=true -Dhistory.bench.layout=buckets</pre>
 */
@EnabledIfSystemProperty(named = "history.bench", matches = "true")
class ExecutionHistoryBench {

    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    static final int JOBS = 100;
    static final int USERS = 4;

    final int count = Integer.getInteger("history.bench.executions", 1_000_000);
    final String layout = System.getProperty("history.bench.layout", "buckets");
    final int runs = Integer.getInteger("history.bench.runs", 15);
    final int warmUps = Integer.getInteger("history.bench.warmups", 3);
    final int cacheMb = Integer.getInteger("history.bench.cacheMb", 16);

    @Test
    void time_the_history_reads() throws Exception {
        Path dir = Path.of("target", "history-bench");
        Files.createDirectories(dir);
        Path file = dir.resolve(layout + "-" + count + ".mv");
        if (layout.equals("migrate")) {
            Files.copy(dir.resolve("single-" + count + ".mv"), file, StandardCopyOption.REPLACE_EXISTING);
        }
        boolean seeded = Files.exists(file);
        MVStore mvStore = new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMb).open();
        try (var store = new ExecutionStore(new H2Backend(mvStore))) {
            if (!seeded) {
                long start = System.nanoTime();
                seed(store);
                log("seeded %,d executions (%s) in %.0f s", count, layout, (System.nanoTime() - start) / 1e9);
            }
            if (layout.equals("migrate")) {
                long start = System.nanoTime();
                long moved = store.migration.migrate();
                log("migrated %,d executions into buckets, counts rebuilt, in %.0f s", moved, (System.nanoTime() - start) / 1e9);
            }
            Map<String, Supplier<Object>> reads = layout.equals("single") ? single(store) : buckets(store);
            for (int i = 0; i < warmUps; i++) {
                reads.values().forEach(Supplier::get);
            }
            for (var read : reads.entrySet()) {
                long[] ms = new long[runs];
                Object answer = "";
                for (int i = 0; i < runs; i++) {
                    long t = System.nanoTime();
                    answer = read.getValue().get();
                    ms[i] = (System.nanoTime() - t) / 1_000_000;
                }
                Arrays.sort(ms);
                log("%-50s median %6d ms  p90 %6d ms  max %6d ms   %s", read.getKey(), ms[runs / 2], ms[runs * 9 / 10],
                        ms[runs - 1], answer);
            }
        }
    }

    /** The reads as this version does them. */
    Map<String, Supplier<Object>> buckets(ExecutionStore store) {
        var q = store.queries;
        Filter none = new Filter(null, null, null, null, null);
        Filter job = new Filter("job-7", null, null, null, null);
        Filter failedWeek = new Filter(null, null, ExecutionStatus.failed, NOW.minus(Duration.ofDays(7)), null);
        String deep = q.list(none, new PageRequest(200, 50), Keys.NONE).items().getFirst().id();
        Map<String, Supplier<Object>> reads = new LinkedHashMap<>();
        reads.put("newest page (page_size=50)", () -> summary(q.list(none, new PageRequest(1, 50), Keys.NONE)));
        reads.put("one job's page (job_id, page_size=50)", () -> summary(q.list(job, new PageRequest(1, 50), Keys.NONE)));
        reads.put("status=failed&since=7 days ago (page_size=50)", () -> summary(q.list(failedWeek, new PageRequest(1, 50), Keys.NONE)));
        reads.put("stats (execution counts)", () -> q.counts(null));
        reads.put("page 200 (page_size=50)", () -> summary(q.list(none, new PageRequest(200, 50), Keys.NONE)));
        reads.put("before=<id 10,000 deep> (page_size=50)", () -> summary(q.list(none, new PageRequest(1, 50), new Keys(deep, null))));
        return reads;
    }

    /** The reads as the previous version did them: one aggregation for the page, a count for its total, four counts for the stats. */
    Map<String, Supplier<Object>> single(ExecutionStore store) {
        MongoCollection<Document> executions = store.db.getCollection(ExecutionMigration.LEGACY);
        Bson newest = Sorts.orderBy(Sorts.descending("created_at"), Sorts.descending("_id"));
        Map<String, Supplier<Object>> reads = new LinkedHashMap<>();
        java.util.function.BiFunction<Bson, Integer, Object> page = (filter, number) -> {
            List<Document> items = executions.aggregate(List.of(Aggregates.match(filter), Aggregates.sort(newest),
                    Aggregates.skip((number - 1) * 50), Aggregates.limit(50))).into(new ArrayList<>());
            return items.size() + " items of " + executions.countDocuments(filter);
        };
        reads.put("newest page (page_size=50)", () -> page.apply(Filters.empty(), 1));
        reads.put("one job's page (job_id, page_size=50)", () -> page.apply(Filters.eq("job_id", "job-7"), 1));
        reads.put("status=failed&since=7 days ago (page_size=50)", () -> page.apply(Filters.and(Filters.eq("status", "failed"),
                Filters.gte("created_at", Date.from(NOW.minus(Duration.ofDays(7))))), 1));
        reads.put("stats (execution counts)", () -> List.of(executions.countDocuments(),
                executions.countDocuments(Filters.eq("status", "succeeded")), executions.countDocuments(Filters.eq("status", "failed")),
                executions.countDocuments(Filters.eq("status", "running"))));
        reads.put("page 200 (page_size=50)", () -> page.apply(Filters.empty(), 200));
        return reads;
    }

    void seed(ExecutionStore store) {
        long span = Duration.ofDays(30).toMillis();
        Instant from = NOW.minus(Duration.ofDays(30));
        Random random = new Random(11);
        List<Execution> batch = new ArrayList<>();
        MongoCollection<Document> legacy = store.db.getCollection(ExecutionMigration.LEGACY);
        for (int i = 0; i < count; i++) {
            int job = i % JOBS;
            Instant due = from.plusMillis(span * i / count).truncatedTo(ChronoUnit.SECONDS);
            var status = random.nextInt(100) < 5 ? ExecutionStatus.failed : ExecutionStatus.succeeded;
            batch.add(ExecutionStore.finished("job-" + job, "user-" + job % USERS, due, status));
            if (batch.size() == 1_000 || i == count - 1) {
                if (layout.equals("single")) {
                    legacy.insertMany(batch.stream().map(ExecutionWrites::document).toList());
                } else {
                    store.writes.record(batch);
                }
                batch = new ArrayList<>();
                if ((i + 1) % 100_000 == 0) {
                    log("  %,d", i + 1);
                }
            }
        }
    }

    static String summary(ExecutionQueries.Slice slice) {
        return slice.items().size() + " items of " + slice.total() + (slice.totalEstimated() ? " (estimated)" : "");
    }

    static void log(String format, Object... args) {
        System.out.printf(format + "%n", args);
        System.out.flush();
    }
}
