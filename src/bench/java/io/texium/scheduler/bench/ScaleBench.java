package io.texium.scheduler.bench;

import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Scenario 3: the scheduler started on a store already holding 100,000 varied-schedule jobs (quick: 10,000), plus
 * 1,000 owned by a plain user: time to ready and to all timers armed, heap after a full GC, p99 of the read
 * endpoints for one client in sequence, and the API's create rate.
 */
final class ScaleBench {

    /** The figures of one start; a null duration or NaN was not measured (see {@code notes}). */
    record Result(int jobs, Duration ready, Duration armed, long heapBytes, Map<String, BenchClient.Probe> latencies,
                  Creates creates, String notes) {
    }

    /** Jobs created through the API by one client in sequence, and how many per second. */
    record Creates(int created, double perSecond) {
    }

    private final BenchSettings settings;
    private final BenchStore store;
    private final String database;
    private final boolean timersPaged;

    ScaleBench(BenchSettings settings, BenchStore store, String database, boolean timersPaged) {
        this.settings = settings;
        this.store = store;
        this.database = database;
        this.timersPaged = timersPaged;
    }

    Result run(String adminId, String userId) throws IOException, InterruptedException {
        MongoDatabase db = store.database(database);
        int jobs = settings.scaleJobs();
        seed(db, adminId, userId);
        long expectedTimers = db.getCollection("scheduler_jobs").countDocuments();
        BenchRunner.log("scale: %,d jobs in the store, starting the scheduler", expectedTimers);
        StringBuilder notes = new StringBuilder();
        try (var server = PayaraServer.start(settings, "scale", store.uri(), database, settings.startupTimeout(jobs))) {
            Duration ready = server.startup();
            Duration armed = awaitArmed(server, expectedTimers, notes);
            long heap = server.heapAfterFullGc();
            BenchRunner.log("scale: ready after %.1f s, timers armed after %s, heap %,d MiB", ready.toMillis() / 1000.0,
                    armed == null ? "(not all)" : String.format("%.1f s", armed.toMillis() / 1000.0), heap >> 20);
            var admin = server.admin();
            var user = server.anonymous().as(BenchSettings.USER_NAME, BenchSettings.USER_PASSWORD);
            Map<String, BenchClient.Probe> latencies = new LinkedHashMap<>();
            latencies.put("GET /api/scheduler/jobs?page_size=100 (admin)", probe(admin, "api/scheduler/jobs?page_size=100"));
            latencies.put("GET /api/scheduler/jobs?page_size=100 (user with 1,000 jobs)", probe(user, "api/scheduler/jobs?page_size=100"));
            if (timersPaged) {
                latencies.put("GET /api/scheduler/timers?page_size=100", probe(admin, "api/scheduler/timers?page_size=100"));
            } else {
                latencies.put("GET /api/scheduler/timers?page_size=100", null);
                notes.append("/api/scheduler/timers does not page in this build (page_size is ignored): n/a. ");
            }
            latencies.put("GET /health/ready", probe(server.anonymous(), "health/ready"));
            latencies.put("GET /health/live", probe(server.anonymous(), "health/live"));
            Creates creates = createRate(admin);
            return new Result(jobs, ready, armed, heap, latencies, creates, notes.toString().trim());
        } catch (PayaraServer.NotReady e) {
            return new Result(jobs, null, null, -1, Map.of(), new Creates(0, Double.NaN), "the scheduler was " + e.getMessage());
        }
    }

    /** Varied-schedule jobs for the admin, and 1,000 for the plain user. */
    private void seed(MongoDatabase db, String adminId, String userId) {
        Instant now = Instant.now();
        Random random = new Random(42);
        long start = System.nanoTime();
        JobDocuments.insert(db, settings.scaleJobs(),
                i -> JobDocuments.job(adminId, "scale-" + i, JobDocuments.varied(i, random, now), now));
        JobDocuments.insert(db, settings.userJobs(),
                i -> JobDocuments.job(userId, "user-" + i, JobDocuments.varied(i, random, now), now));
        BenchRunner.log("scale: seeded %,d jobs in %.1f s", settings.scaleJobs() + settings.userJobs(), (System.nanoTime() - start) / 1e9);
    }

    private Duration awaitArmed(PayaraServer server, long expected, StringBuilder notes) throws InterruptedException {
        var probe = new TimerProbe(server.admin(), timersPaged);
        Duration timeout = settings.startupTimeout(settings.scaleJobs());
        while (server.uptime().compareTo(timeout) < 0) {
            if (probe.allArmed(expected)) {
                return server.uptime();
            }
            Thread.sleep(1_000);
        }
        notes.append("not all ").append(expected).append(" timers armed within ").append(timeout.toSeconds()).append(" s. ");
        return null;
    }

    private BenchClient.Probe probe(BenchClient client, String path) {
        return client.probe(path, settings.warmUpRequests(), settings.latencyRequests(), settings.latencyBudget());
    }

    /**
     * Jobs per second for one client creating jobs in sequence through {@code POST /api/scheduler/jobs}; stops early
     * when creating takes longer than two latency budgets.
     */
    private Creates createRate(BenchClient admin) {
        int count = settings.createJobs();
        long start = System.nanoTime();
        long deadline = start + settings.latencyBudget().multipliedBy(2).toNanos();
        int created = 0;
        for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
            var reply = admin.post("api/scheduler/jobs", """
                    {"job_class_string": "jobs.echo.EchoJob", "name": "created-%d", "day_of_month": "%d", "hour": "%d", "minute": "%d"}"""
                    .formatted(i, 1 + i % 28, i % 24, i % 60));
            if (reply.status() == 201) {
                created++;
            }
        }
        return new Creates(created, created / ((System.nanoTime() - start) / 1e9));
    }
}
