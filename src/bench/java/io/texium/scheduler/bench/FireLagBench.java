package io.texium.scheduler.bench;

import io.texium.scheduler.executions.control.ExecutionBucket;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Scenarios 1 and 2: N EchoJob jobs due in the same second. Reads that second's executions straight from the
 * store and reports how late the runs started (and in which stage the time went), which fires never ran, and how
 * fast the burst drained.
 */
final class FireLagBench {

    private static final int CREATE_THREADS = 4;
    /**
     * One unmeasured burst as large as the largest created through the API: a burst of 200 left the drain path
     * partly interpreted, and the first measured burst of 1,000 then took about twice as long as the next two.
     */
    private static final int WARM_UP_JOBS = 1_000;
    private boolean warmedUp;
    private static final Set<String> ENDED = Set.of("succeeded", "failed", "missed", "skipped");

    private final BenchSettings settings;
    private final BenchClient admin;
    private final TimerProbe timers;
    private final MongoDatabase db;
    private final String adminId;
    /** Milliseconds per job created through the API with {@value #CREATE_THREADS} clients; refined by each large run. */
    private double msPerCreate = 15;

    FireLagBench(BenchSettings settings, PayaraServer server, TimerProbe timers, MongoDatabase db, String adminId) {
        this.settings = settings;
        this.admin = server.admin();
        this.timers = timers;
        this.db = db;
        this.adminId = adminId;
    }

    FireLagFigures.Summary measure(int n) throws InterruptedException {
        if (!warmedUp) {
            // a freshly started server runs its first bursts in the interpreter: one burst, not measured, warms it
            var warmUp = once(WARM_UP_JOBS, 0);
            BenchRunner.log("fire lag warm-up (%d jobs, not measured): lag p50/p99/max %s", WARM_UP_JOBS, Samples.dist(warmUp.lag()));
            warmedUp = true;
        }
        List<FireLagFigures.Run> runs = new ArrayList<>();
        for (int rep = 1; rep <= settings.reps(); rep++) {
            FireLagFigures.Run run = once(n, rep);
            BenchRunner.log("fire lag n=%d run %d: lag p50/p99/max %s, not run %d, drain %.0f runs/s%s", n, rep,
                    Samples.dist(run.lag()), run.notRun(), run.drainRunsPerSecond(), run.note() == null ? "" : " (" + run.note() + ")");
            runs.add(run);
        }
        return FireLagFigures.Summary.of(n, runs);
    }

    private FireLagFigures.Run once(int n, int rep) throws InterruptedException {
        String prefix = "b" + n + "r" + rep + "t" + (System.currentTimeMillis() % 100_000);
        boolean viaApi = n <= BenchSettings.API_CREATE_LIMIT;
        for (int attempt = 1; ; attempt++) {
            Instant due;
            List<String> ids;
            String note = null;
            if (viaApi) {
                due = Instant.now().plusMillis((long) (n * msPerCreate * (1 + 0.3 * attempt)) + 2_500).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
                long start = System.nanoTime();
                ids = createThroughApi(prefix + "a" + attempt, n, due);
                double took = (System.nanoTime() - start) / 1e6;
                BenchRunner.log("fire lag n=%d: created %d jobs through the API in %.1f s, due at %s", n, ids.size(), took / 1000, due);
                if (n >= 100 || attempt > 1) {
                    msPerCreate = took / n; // a few jobs tell little: their creation is mostly warm-up
                }
                if (ids.size() < n) {
                    note = (n - ids.size()) + " of " + n + " creates failed";
                }
                if (Instant.now().isAfter(due.minusMillis(500))) {
                    if (attempt < 3) {
                        cleanUp(prefix + "a" + attempt, due);
                        continue; // created too slowly for the planned second: plan a later one
                    }
                    note = "jobs could not be created before their due second";
                }
            } else {
                // seeded jobs get their timers from the scheduler's reconcile, which runs every 60 s
                due = Instant.now().plusSeconds(125).truncatedTo(ChronoUnit.SECONDS);
                Map<String, String> schedule = JobDocuments.hourlyAt(due);
                Instant now = Instant.now();
                String name = prefix + "a" + attempt;
                ids = JobDocuments.insert(db, n, i -> JobDocuments.job(adminId, name + "-" + i, schedule, now));
                note = awaitArmed(n, due);
            }
            long endedBefore = endedCount();
            sleepUntil(due);
            FireLagFigures.Run run = drainAndRead(n, due, ids, note, endedBefore);
            cleanUp(prefix + "a" + attempt, due);
            return run;
        }
    }

    private List<String> createThroughApi(String prefix, int n, Instant due) throws InterruptedException {
        Map<String, String> schedule = JobDocuments.hourlyAt(due);
        String body = """
                {"job_class_string": "jobs.echo.EchoJob", "name": "%s-%d", "minute": "%s", "second": "%s"}""";
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CREATE_THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < CREATE_THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        var reply = admin.post("api/scheduler/jobs", body.formatted(prefix, i, schedule.get("minute"), schedule.get("second")));
                        if (reply.status() == 201) {
                            ids.add(reply.json().getString("job_id"));
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        return ids;
    }

    /** Waits until the scheduler holds a timer for at least {@code n} jobs, or until shortly before {@code due}. */
    private String awaitArmed(int n, Instant due) throws InterruptedException {
        long armed = 0;
        while (Instant.now().isBefore(due.minusSeconds(2))) {
            armed = timers.count();
            if (armed >= n) {
                return null;
            }
            Thread.sleep(2_000);
        }
        return armed < 0 ? "timer count unreadable" : "only " + armed + " timers armed 2 s before the due second";
    }

    /**
     * Waits until the due second's runs have ended, then reads their executions. While they run it watches the
     * server's maintained counts per status (a handful of small documents), not the bucket the runs are written to:
     * counting there scans the bucket under its lock and held up the very writes being measured.
     */
    private FireLagFigures.Run drainAndRead(int n, Instant due, List<String> ids, String note, long endedBefore)
            throws InterruptedException {
        // a scheduled fire's id carries its due second, so the due second's executions share one hourly bucket
        MongoCollection<Document> executions = db.getCollection(ExecutionBucket.of(due).collection());
        Bson ofDue = Filters.eq("scheduled_time", Date.from(due));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).plusMillis(15L * n).toNanos();
        long lastDone = -1;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long done = endedCount() - endedBefore;
            if (done >= ids.size()) {
                break;
            }
            if (done != lastDone) {
                lastDone = done;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > Duration.ofSeconds(done > 0 ? 5 : 20).toNanos()) {
                break; // nothing ended for 5 s (or nothing at all for 20 s): the rest will not come
            }
            Thread.sleep(100);
        }
        BenchRunner.log("fire lag n=%d: drain read at %.1f s after the due second", n, Duration.between(due, Instant.now()).toMillis() / 1000.0);
        Set<String> ours = new HashSet<>(ids);
        List<Document> docs = executions.find(ofDue).into(new ArrayList<>()).stream()
                .filter(d -> ours.contains(d.getString("job_id"))).toList();
        return FireLagFigures.Run.of(n, due, docs, note);
    }

    /** How many executions have ended so far, by the server's maintained counts per user and status. */
    private long endedCount() {
        long ended = 0;
        for (Document d : db.getCollection("scheduler_execution_counts").find(Filters.in("status", ENDED))) {
            ended += ((Number) d.get("count")).longValue();
        }
        return ended;
    }

    /** Removes the run's jobs and executions from the store; their timers go at the next reconcile, an hour before they would fire. */
    private void cleanUp(String prefix, Instant due) {
        db.getCollection("scheduler_jobs").deleteMany(Filters.regex("name", "^" + prefix + "-"));
        db.getCollection(ExecutionBucket.of(due).collection()).deleteMany(Filters.eq("scheduled_time", Date.from(due)));
    }

    private static void sleepUntil(Instant due) throws InterruptedException {
        long millis = Duration.between(Instant.now(), due).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
