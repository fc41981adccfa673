package io.texium.scheduler.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Peer (b): Quartz with a RAMJobStore and 16 worker threads (other settings at their defaults), N one-shot
 * triggers due in the same second; lag = the moment {@code execute} starts minus the scheduled fire time.
 */
final class QuartzBench {

    private final BenchSettings settings;

    QuartzBench(BenchSettings settings) {
        this.settings = settings;
    }

    /** The median over the repetitions of the lag distribution of N triggers due together. */
    Samples.Dist measure(int n) throws SchedulerException, InterruptedException {
        List<Samples.Dist> runs = new ArrayList<>();
        for (int rep = 1; rep <= settings.reps(); rep++) {
            Samples.Dist run = once(n, rep);
            BenchRunner.log("quartz n=%d run %d: lag p50/p99/max %s", n, rep, Samples.dist(run));
            runs.add(run);
        }
        return Samples.Dist.median(runs);
    }

    /**
     * One unmeasured round of 1,000 triggers (as Texium's warm-up burst), so that the first measured round does not
     * pay for class loading and JIT.
     */
    void warmUp() throws SchedulerException, InterruptedException {
        once(1_000, 0);
    }

    private Samples.Dist once(int n, int rep) throws SchedulerException, InterruptedException {
        var lags = new ConcurrentLinkedQueue<Double>();
        Job job = context -> lags.add(lagMillis(context));
        Scheduler scheduler = new StdSchedulerFactory(properties("bench-quartz-" + n + "-" + rep)).getScheduler();
        scheduler.setJobFactory((bundle, s) -> job);
        scheduler.start();
        try {
            Instant due = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            for (int i = 0; i < n; i++) {
                scheduler.scheduleJob(JobBuilder.newJob(Job.class).withIdentity("j" + i).build(),
                        TriggerBuilder.newTrigger().withIdentity("t" + i).startAt(Date.from(due))
                                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                                .build());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lags.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            scheduler.shutdown(true);
        }
        return Samples.Dist.of(lags);
    }

    private static double lagMillis(JobExecutionContext context) {
        Instant started = Instant.now();
        Instant scheduled = context.getScheduledFireTime().toInstant();
        return (started.toEpochMilli() - scheduled.toEpochMilli()) + (started.getNano() % 1_000_000) / 1e6;
    }

    private Properties properties(String name) {
        var p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", name);
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(settings.workers()));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return p;
    }
}
