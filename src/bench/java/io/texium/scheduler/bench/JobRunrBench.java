package io.texium.scheduler.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.nosql.mongo.MongoDBStorageProvider;

/**
 * Peer (a): JobRunr OSS with its MongoDB storage provider on a store of its own (same backend as the scheduler's),
 * 16 workers, poll interval 5 s: N trivial jobs enqueued at once; jobs/s from the first enqueue to the last succeeded.
 */
public final class JobRunrBench {

    /** The job: does nothing, on purpose; public and static so that JobRunr can find and call it. */
    public static void work(Integer i) {
        // the cost measured is JobRunr's own
    }

    /** The drain of one repetition. */
    record Run(int n, double seconds, long succeeded) {
        double jobsPerSecond() {
            return succeeded / seconds;
        }
    }

    private final BenchSettings settings;

    JobRunrBench(BenchSettings settings) {
        this.settings = settings;
    }

    /** The median over the repetitions of the drain rate (jobs/s) of N jobs. */
    double measure(int n) throws InterruptedException {
        List<Double> rates = new ArrayList<>();
        try (var store = BenchStore.start(settings.backend(), settings.outDir(), "jobrunr")) {
            skipIndexReplacingMigration(store);
            StorageProvider storage = new MongoDBStorageProvider(store.client(), "jobrunr");
            JobScheduler scheduler = JobRunr.configure()
                    .useStorageProvider(storage)
                    .useBackgroundJobServer(BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                            .andWorkerCount(settings.workers())
                            .andPollInterval(Duration.ofSeconds(5)))
                    .initialize()
                    .getJobScheduler();
            try {
                for (int rep = 1; rep <= settings.reps(); rep++) {
                    Run run = once(scheduler, storage, n);
                    BenchRunner.log("jobrunr n=%d run %d: %,d succeeded in %.2f s = %.0f jobs/s", n, rep,
                            run.succeeded(), run.seconds(), run.jobsPerSecond());
                    rates.add(run.jobsPerSecond());
                }
            } finally {
                JobRunr.destroy();
            }
        }
        return Samples.median(rates);
    }

    /**
     * JobRunr's migration M007 only replaces indexes, and its {@code dropIndexes("*")} fails on mongo-java-server 1.47,
     * which accepted but never built JobRunr's compound indexes (IndexNotFound). mongo-java-server would not use
     * them anyway, so the migration is recorded as done before JobRunr starts.
     */
    private static void skipIndexReplacingMigration(BenchStore store) {
        String id = "M007_UpdateJobsCollectionReplaceIndices.class";
        store.database("jobrunr").getCollection("migrations")
                .insertOne(new Document("_id", id).append("name", id).append("date", new Date()));
    }

    private Run once(JobScheduler scheduler, StorageProvider storage, int n) throws InterruptedException {
        long before = storage.countJobs(StateName.SUCCEEDED);
        long start = System.nanoTime();
        scheduler.enqueue(IntStream.range(0, n).boxed(), i -> work(i));
        long deadline = start + Duration.ofSeconds(60).plusMillis(30L * n).toNanos();
        long succeeded = 0;
        while (System.nanoTime() < deadline) {
            succeeded = storage.countJobs(StateName.SUCCEEDED) - before;
            if (succeeded >= n) {
                break;
            }
            Thread.sleep(50);
        }
        return new Run(n, (System.nanoTime() - start) / 1e9, succeeded);
    }
}
