package io.texium.scheduler.executions.control;

import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.jobs.entity.RunPolicy;
import io.texium.scheduler.platform.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.bson.types.ObjectId;

/**
 * What a job's policy makes of its fires due together in one claim: which run, which are too late to run
 * ({@code misfire_grace_seconds}: one {@code missed} entry), which are rolled into one run ({@code coalesce}: one
 * {@code skipped} entry naming the run), and which would exceed {@code max_instances} ({@code skipped}, one entry
 * per overlap: per run they overlap, counting every fire it covers). No I/O: the job carries its active runs as
 * read with it (the other instances'), and this instance knows its own.
 */
final class Misfires {

    /**
     * How late a fire may be claimed and still count as on time. Later than this it could not run on time (the store
     * was away, the instance overloaded, no instance ran) and {@code coalesce} applies; a timer that falls a few
     * seconds behind and delivers several due seconds together is on time, and each of them runs.
     */
    static final Duration LATE = Duration.ofSeconds(10);

    private Misfires() {
    }

    /** The fires to run, and what becomes of the others. */
    record Decision(List<Instant> run, Optional<Claims.Missed> missed, List<Skip> skipped) {
    }

    /**
     * Fires of a job recorded as one {@code skipped} entry: coalesced into a run, or overlapping an active run.
     * {@code key} makes the entry's id: the same on every instance, and, for an overlap, for every fire it covers.
     */
    record Skip(String jobId, String key, Instant keyTime, List<Instant> dues, String reason) {

        Execution entry(Claims claims, Job job, Instant now) {
            Instant first = dues.getFirst();
            Instant last = dues.getLast();
            return claims.skippedEntry(job, Ids.forFire(key, keyTime), first, last, dues.size(), reason, now);
        }
    }

    /**
     * @param claimedHere the job's runs claimed on this instance and not ended (perhaps not in its stored list yet)
     * @param dues        the job's due times in this claim, oldest first
     * @param ending      whether a run has ended here and its outcome is still being written (it no longer counts)
     */
    static Decision decide(Job job, Collection<String> claimedHere, List<Instant> dues, Instant now,
                           Predicate<String> ending) {
        RunPolicy policy = job.policy();
        Instant lateEnd = now.minus(LATE);
        // the grace applies to fires that could not run on time: one on time runs even with a grace of 0
        Instant graceEnd = policy.misfireGraceSeconds() < LATE.toSeconds() ? lateEnd : now.minusSeconds(policy.misfireGraceSeconds());
        Claims.Missed missed = null;
        List<Instant> late = new ArrayList<>();
        List<Instant> onTime = new ArrayList<>();
        for (Instant due : dues) {
            if (due.isBefore(graceEnd)) {
                missed = missed == null ? new Claims.Missed(job.id(), 1, due, due) : missed.plus(due);
            } else if (due.isBefore(lateEnd)) {
                late.add(due);
            } else {
                onTime.add(due);
            }
        }
        List<Skip> skipped = new ArrayList<>();
        List<Instant> run = new ArrayList<>();
        if (policy.coalesce() && !late.isEmpty()) {
            run.addAll(onTime.isEmpty() ? List.of(late.getLast()) : onTime);
            List<Instant> rolled = onTime.isEmpty() ? late.subList(0, late.size() - 1) : late;
            if (!rolled.isEmpty()) {
                skipped.add(new Skip(job.id(), job.id() + ":coalesced", rolled.getFirst(), List.copyOf(rolled),
                        "coalesced: " + rolled.size() + " fire(s) could not run on time and ran once, as the run due at "
                                + run.getFirst()));
            }
        } else {
            run.addAll(late);
            run.addAll(onTime);
        }
        return overlaps(job, claimedHere, policy, run, ending, new Decision(new ArrayList<>(), Optional.ofNullable(missed), skipped));
    }

    /**
     * Moves the fires that would exceed {@code max_instances} from {@code run} to {@code skipped}. The job's active
     * runs count, except the fire's own claim (made by another owner of the job a moment ago) and runs ended here;
     * fires of this claim do not count against each other.
     */
    private static Decision overlaps(Job job, Collection<String> claimedHere, RunPolicy policy, List<Instant> run,
                                     Predicate<String> ending, Decision decision) {
        Map<String, List<Instant>> byBlocker = new LinkedHashMap<>();
        Set<String> known = new LinkedHashSet<>(claimedHere);
        job.activeRuns().forEach(r -> known.add(r.executionId()));
        for (Instant due : run) {
            String fireId = Ids.forFire(job.id(), due);
            List<String> active = known.stream().filter(id -> !id.equals(fireId) && !ending.test(id)).toList();
            if (active.size() >= policy.maxInstances()) {
                byBlocker.computeIfAbsent(active.getFirst(), id -> new ArrayList<>()).add(due);
            } else {
                decision.run().add(due);
            }
        }
        byBlocker.forEach((blocker, dues) -> decision.skipped().add(new Skip(job.id(), blocker + ":overlap",
                blockerTime(blocker), List.copyOf(dues), "max_instances (" + policy.maxInstances()
                + ") reached: execution " + blocker + " was still running or queued")));
        return decision;
    }

    /** An overlap entry lives in the bucket of the run it overlaps (a fire id's time is its due second). */
    private static Instant blockerTime(String executionId) {
        return ObjectId.isValid(executionId) ? new ObjectId(executionId).getDate().toInstant() : Instant.EPOCH;
    }

    /**
     * Whether a fired run that waits for a worker is past its job's misfire grace now (and more than {@link #LATE}
     * late): a backlog it can no longer run in time for. Manual runs, retries and chained runs are never too late.
     */
    static boolean tooLate(Execution x, RunPolicy policy, Instant now) {
        if (!"schedule".equals(x.trigger()) && !"catch_up".equals(x.trigger())) {
            return false;
        }
        long grace = Math.max(policy.misfireGraceSeconds(), LATE.toSeconds());
        return x.scheduledTime().isBefore(now.minusSeconds(grace));
    }

    static String missedReason(Job job) {
        long grace = job == null ? RunPolicy.DEFAULT_MISFIRE_GRACE_SECONDS : job.policy().misfireGraceSeconds();
        return "the fire could not be claimed within the job's misfire_grace_seconds (" + grace
                + " s): the store was unreachable or the instance could not keep up";
    }
}
