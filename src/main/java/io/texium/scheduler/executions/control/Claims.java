package io.texium.scheduler.executions.control;

import com.mongodb.MongoException;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.cluster.control.Owners;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.jobs.control.JobRunCounts;
import io.texium.scheduler.jobs.control.JobSchedules;
import io.texium.scheduler.jobs.entity.ActiveRun;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.platform.Background;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.users.control.InactiveUsers;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns timer fires into claimed executions, on a thread of its own. The timer thread only appends a fire to an
 * in-memory log; this writer takes every fire waiting, reads their jobs as stored at that moment (a job paused,
 * changed or deleted a moment ago is not run from a stale copy), matches each fire to its due times, and inserts
 * the executions, {@code scheduled}, in one unordered write under each fire's deterministic id: a duplicate means
 * another instance has that fire. While the store does not answer, fires are held in memory (at most
 * {@code texium.store.held-fires}, then counted per job). What the job's policy says of a fire is decided by
 * {@link Misfires}: too late for its {@code misfire_grace_seconds} ({@code missed}, one entry per job), late and
 * coalesced, or over {@code max_instances} ({@code skipped}, one entry per overlap).
 */
@ApplicationScoped
public class Claims {

    private static final Logger LOG = Logger.getLogger(Claims.class.getName());
    static final int BATCH = 5_000;

    @Inject
    @ConfigProperty(name = "texium.store.held-fires", defaultValue = "100000")
    int maxHeld;

    @Inject
    JobQueries jobs;

    @Inject
    JobSchedules schedules;

    @Inject
    InactiveUsers inactiveUsers;

    @Inject
    ExecutionWrites writes;

    @Inject
    Workers workers;

    @Inject
    RunRecorder recorder;

    @Inject
    JobRunCounts runCounts;

    @Inject
    ActiveMarks activeMarks;

    @Inject
    Instances instances;

    @Inject
    MongoStore store;

    @Inject
    Background background;

    @Inject
    PipelineMetrics metrics;

    @Inject
    Clock clock;

    /** How many armings of a job are kept: enough for the re-armings of one job while its fires wait in the log. */
    static final int ARMINGS_KEPT = 8;

    private final LinkedBlockingQueue<Fire> log = new LinkedBlockingQueue<>();
    private final ArrayDeque<Fire> held = new ArrayDeque<>();
    /** Fires of jobs whose primary owner is another instance, in delivery order; see {@link #ownFires}. */
    private final ArrayDeque<Fire> standby = new ArrayDeque<>();
    private Owners standbyOwners;
    /** Fires that did not fit in memory while the store was away, per job: count, first and last delivery. */
    private final Map<String, Missed> overflow = new LinkedHashMap<>();
    /** Per job, the latest due time claimed here. */
    private final Map<String, Instant> lastDue = new ConcurrentHashMap<>();
    /** Per job, the latest moments its timer was (re)armed, at most {@value #ARMINGS_KEPT}. */
    private final Map<String, List<Instant>> armings = new ConcurrentHashMap<>();
    private volatile boolean accepting = true;
    private Thread thread;

    /** Fires of one job recorded as missed together. */
    record Missed(String jobId, long count, Instant first, Instant last) {
        Missed plus(Instant due) {
            return new Missed(jobId, count + 1, first.isBefore(due) ? first : due, last.isAfter(due) ? last : due);
        }

        Missed and(Missed other) {
            return new Missed(jobId, count + other.count, first.isBefore(other.first) ? first : other.first,
                    last.isAfter(other.last) ? last : other.last);
        }
    }

    @PostConstruct
    void start() {
        thread = background.named("texium-claims").newThread(this::loop);
        thread.start();
        metrics.gauge("texium.fires.held", "fires waiting for the store", () -> log.size() + held.size());
        metrics.gauge("texium.fires.standby", "fires kept in case their job's primary owner is lost", standby::size);
    }

    /** Called on the timer thread: appends the fire and returns; no I/O. */
    void fired(Fire fire) {
        log.add(fire);
    }

    /**
     * The job's timer was armed now (a job's armings come in time order): the fires of this timer claim nothing due
     * before this moment. A fire that an earlier timer of the job delivered before it (waiting in the log while the
     * job was re-armed, say by a change from another instance) still claims its due time: an arming applies to the
     * fires delivered after it only.
     */
    void armed(String jobId, Instant at) {
        armings.merge(jobId, List.of(at), (kept, now) -> {
            List<Instant> times = new ArrayList<>(kept.subList(Math.max(0, kept.size() - ARMINGS_KEPT + 1), kept.size()));
            times.add(at);
            return List.copyOf(times);
        });
    }

    /**
     * Where the due times of a fire start: after the job's latest claimed due time, and after the arming of the timer
     * that delivered it (the latest arming before the fire; a timer fires only after it was created).
     */
    private Instant claimedOrArmedBefore(Fire fire, Instant claimedUpTo) {
        Instant armedAt = null;
        for (Instant at : armings.getOrDefault(fire.jobId(), List.of())) {
            if (!at.isAfter(fire.firedAt())) {
                armedAt = at;
            }
        }
        if (armedAt == null || claimedUpTo != null && claimedUpTo.isAfter(armedAt)) {
            return claimedUpTo;
        }
        return armedAt;
    }

    /** Stops taking fires after claiming those already delivered (for at most {@code millis}). */
    void stop(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (!log.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        accepting = false;
        thread.interrupt();
    }

    private void loop() {
        while (accepting) {
            List<Fire> batch = new ArrayList<>(held);
            held.clear();
            try {
                List<Fire> delivered = new ArrayList<>();
                if (batch.isEmpty()) {
                    Fire first = log.poll(100, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        delivered.add(first);
                    }
                }
                log.drainTo(delivered, BATCH);
                batch.addAll(ownFires(delivered));
                if (batch.isEmpty()) {
                    continue;
                }
                claim(batch);
            } catch (InterruptedException e) {
                hold(batch);
                return;
            } catch (MongoException e) {
                store.failed();
                metrics.storeError();
                hold(batch);
                LOG.log(Level.FINE, "the store did not take " + batch.size() + " fires; holding them", e);
                Background.pause(Duration.ofMillis(250));
            } catch (RuntimeException e) {
                hold(batch);
                LOG.log(Level.SEVERE, "could not claim " + batch.size() + " fires; holding them", e);
                Background.pause(Duration.ofMillis(250));
            }
        }
    }

    /**
     * Of the fires delivered, those this instance claims: those of the jobs whose primary owner it is (the first of
     * their {@link Owners}), and those kept in standby for another primary that is no longer an owner. A fire of a
     * job whose primary is another instance is kept in standby, without any I/O, for as long as it can take to find
     * that instance lost ({@link #standbyRetention}): so two owners of a job do not both claim each fire (a duplicate
     * claim per fire halved what two instances drained), and the fires a lost primary never claimed are claimed
     * here once it is found lost (a fire it did claim is refused as a duplicate).
     */
    List<Fire> ownFires(List<Fire> delivered) {
        Owners owners = instances.owners();
        String self = instances.id();
        List<Fire> own = new ArrayList<>();
        if (owners != standbyOwners) {
            standbyOwners = owners;
            for (var it = standby.iterator(); it.hasNext(); ) {
                Fire f = it.next();
                if (primary(owners, f.jobId(), self)) {
                    own.add(f);
                    it.remove();
                }
            }
        }
        Instant keepFrom = clock.instant().minus(standbyRetention());
        while (!standby.isEmpty() && standby.peekFirst().firedAt().isBefore(keepFrom)) {
            standby.pollFirst(); // its primary lived on past the time it takes to find it lost: it claimed the fire
        }
        for (Fire f : delivered) {
            if (primary(owners, f.jobId(), self)) {
                own.add(f);
            } else {
                standby.addLast(f);
                if (standby.size() > maxHeld) {
                    standby.pollFirst();
                }
            }
        }
        return own;
    }

    private static boolean primary(Owners owners, String jobId, String self) {
        return owners.members().size() < 2 || self.equals(owners.of(jobId).getFirst());
    }

    /**
     * How long a fire is kept for another primary: until this instance would have found that primary lost (its
     * time-to-live, counted from its last beat, plus the beats in between) and then some.
     */
    Duration standbyRetention() {
        return instances.ttl().multipliedBy(2).plusSeconds(10);
    }

    /** Claims a batch of fires; throws (leaving every fire unclaimed) when the store does not take it. */
    void claim(List<Fire> batch) {
        Map<String, Job> stored = jobs.byIds(batch.stream().map(Fire::jobId).toList());
        Instant now = clock.instant();
        Map<String, Instant> seen = new HashMap<>();
        Map<String, Missed> missed = new LinkedHashMap<>(overflow);
        Map<String, List<Instant>> dueByJob = new LinkedHashMap<>();
        Map<String, Instant> deliveredAt = new HashMap<>();
        for (Fire fire : batch) {
            Job job = stored.get(fire.jobId());
            if (job == null || !job.enabled() || job.paused() || inactiveUsers.contains(job.userId())) {
                continue; // deleted, disabled, paused or its owner deactivated before the fire was claimed: not due
            }
            Instant last = claimedOrArmedBefore(fire, seen.getOrDefault(job.id(), lastDue.get(job.id())));
            for (Instant due : DueTimes.of(schedules.of(job), last, fire.firedAt(), fire.nextTimeout())) {
                seen.merge(job.id(), due, (a, b) -> a.isAfter(b) ? a : b);
                dueByJob.computeIfAbsent(job.id(), id -> new ArrayList<>()).add(due);
                deliveredAt.put(Ids.forFire(job.id(), due), fire.firedAt());
            }
        }
        List<Execution> claims = new ArrayList<>();
        Map<String, Job> byExecution = new HashMap<>();
        List<Misfires.Skip> skips = new ArrayList<>();
        dueByJob.forEach((jobId, dues) -> {
            Job job = stored.get(jobId);
            Misfires.Decision decision = Misfires.decide(job, activeMarks.active(jobId), dues, now, recorder::ending);
            decision.missed().ifPresent(m -> missed.merge(jobId, m, Missed::and));
            skips.addAll(decision.skipped());
            for (Instant due : decision.run()) {
                String id = Ids.forFire(job.id(), due);
                Execution x = scheduled(job, id, "schedule", due, now).firedAt(deliveredAt.get(id));
                claims.add(x);
                byExecution.put(x.id(), job);
            }
        });
        if (!missed.isEmpty()) {
            writes.record(missed.values().stream().map(m -> missedEntry(stored.get(m.jobId()), m, now,
                    Misfires.missedReason(stored.get(m.jobId())))).toList());
            overflow.clear();
        }
        if (!skips.isEmpty()) {
            writes.skipFires(skips.stream().map(k -> k.entry(this, stored.get(k.jobId()), now)).toList());
        }
        // the oldest claims that find a worker free are recorded running at once: one write less before they start
        claims.sort(java.util.Comparator.comparing(Execution::scheduledTime));
        int reserved = workers.reserve(claims.size());
        Instant startedAt = clock.instant();
        for (int i = 0; i < reserved; i++) {
            claims.get(i).status(ExecutionStatus.running).startedAt(startedAt);
        }
        ExecutionWrites.Claimed claimed;
        try {
            claimed = writes.claim(claims, instances.id());
        } catch (RuntimeException e) {
            workers.release(reserved);
            throw e;
        }
        seen.forEach((id, due) -> lastDue.merge(id, due, (a, b) -> a.isAfter(b) ? a : b));
        batch.forEach(f -> metrics.fired());
        if (claimed.lost() > 0) {
            metrics.claimsLost(claimed.lost());
        }
        List<Run> started = new ArrayList<>();
        List<Run> queued = new ArrayList<>();
        for (Execution x : claimed.won()) {
            (x.status() == ExecutionStatus.running ? started : queued).add(new Run(x, byExecution.get(x.id())));
        }
        activeMarks.claimed(activeRuns(claimed.won())); // before any of them can start, and so end
        workers.release(reserved - started.size());
        workers.startReserved(started);
        workers.submit(queued);
    }

    /**
     * Claims runs decided elsewhere (fires of a downtime within their job's misfire grace) and queues those won here;
     * throws when the store does not take them.
     */
    void runLate(List<Execution> runs, Map<String, Job> jobs) {
        ExecutionWrites.Claimed claimed = writes.claim(runs, instances.id());
        activeMarks.claimed(activeRuns(claimed.won()));
        workers.submit(claimed.won().stream().map(x -> new Run(x, jobs.get(x.jobId()))).toList());
    }

    /** The claimed runs by job, as the jobs' active runs list them. */
    private Map<String, List<ActiveRun>> activeRuns(List<Execution> won) {
        Map<String, List<ActiveRun>> byJob = new LinkedHashMap<>();
        won.forEach(x -> byJob.computeIfAbsent(x.jobId(), id -> new ArrayList<>()).add(new ActiveRun(x.id(), instances.id())));
        return byJob;
    }

    /** A new execution of the job, {@code scheduled} on this instance. */
    Execution scheduled(Job job, String id, String trigger, Instant due, Instant now) {
        return new Execution().id(id).jobId(job.id()).userId(job.userId()).jobName(job.name())
                .jobClassString(job.jobClassString()).status(ExecutionStatus.scheduled).trigger(trigger)
                .scheduledTime(due).createdAt(now).instanceId(instances.id()).hostname(instances.hostname());
    }

    /** One {@code missed} entry for a run of fires of a job; its id is the same on every instance. */
    Execution missedEntry(Job job, Missed m, Instant now, String reason) {
        var x = new Execution().id(Ids.forFire(m.jobId() + ":missed", m.first())).jobId(m.jobId())
                .status(ExecutionStatus.missed).trigger("schedule").scheduledTime(m.first())
                .lastScheduledTime(m.last()).fireCount(m.count()).reason(reason).createdAt(now).completedAt(now)
                .instanceId(instances.id()).hostname(instances.hostname());
        if (job != null) {
            x.userId(job.userId()).jobName(job.name()).jobClassString(job.jobClassString());
        }
        return x;
    }

    /** One {@code skipped} entry for fires of a job that a rule kept from running; its id is given. */
    Execution skippedEntry(Job job, String id, Instant first, Instant last, long count, String reason, Instant now) {
        var x = new Execution().id(id).jobId(job.id()).userId(job.userId()).jobName(job.name())
                .jobClassString(job.jobClassString()).status(ExecutionStatus.skipped).trigger("schedule")
                .scheduledTime(first).lastScheduledTime(last).fireCount(count).reason(reason).createdAt(now)
                .completedAt(now).instanceId(instances.id()).hostname(instances.hostname());
        return x;
    }

    /** Keeps fires for the next attempt; past the bound, the oldest are only counted, per job. */
    private void hold(List<Fire> batch) {
        held.addAll(batch);
        while (held.size() > maxHeld) {
            Fire oldest = held.poll();
            Instant due = oldest.firedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            overflow.merge(oldest.jobId(), new Missed(oldest.jobId(), 1, due, due), (a, b) -> a.plus(due));
        }
    }
}
