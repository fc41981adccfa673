package io.texium.scheduler.executions.control;

import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.jobs.control.JobQueries;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.jobs.entity.RunPolicy;
import io.texium.scheduler.platform.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * What the end of a run calls for: the next attempt of a failed or timed-out run ({@code max_retries}, due after
 * the backoff delay), and, once a run has ended for good, the runs of the jobs its chain names ({@code on_success};
 * {@code on_failure} after the last attempt, a timeout counting as a failure). Both are executions recorded now and
 * due later, held by no instance: whichever instance finds them due runs them ({@link DueRuns}), so they survive a
 * restart. Their ids are derived from the run that ended, so writing them twice records them once.
 */
@ApplicationScoped
public class FollowUps {

    private static final Logger LOG = Logger.getLogger(FollowUps.class.getName());
    /**
     * How many chained runs may follow one another. Cycles are refused when jobs are saved, but two saves at the same
     * moment can still close one; this bound keeps such a cycle from running for ever.
     */
    static final int MAX_CHAIN_DEPTH = 32;

    @Inject
    JobQueries jobs;

    @Inject
    Clock clock;

    /** A run that ended, with the job as it was claimed (its policy decides what follows). */
    record Ended(Execution execution, Job job) {
    }

    /**
     * The executions that these ends call for. Sets {@code next_attempt_id} on each run that is retried, so that its
     * outcome is written with it.
     */
    List<Execution> of(List<Ended> ended) {
        Instant now = clock.instant();
        List<Execution> next = new ArrayList<>();
        Set<String> chained = new HashSet<>();
        for (Ended e : ended) {
            if (e.job() == null) {
                continue;
            }
            Optional<Execution> retry = retry(e.execution(), e.job().policy(), now);
            retry.ifPresent(r -> {
                e.execution().nextAttemptId(r.id());
                next.add(r);
            });
            if (retry.isEmpty() && depth(e.execution()) < MAX_CHAIN_DEPTH) {
                chained.addAll(chain(e.execution(), e.job().policy()));
            } else if (retry.isEmpty() && !chain(e.execution(), e.job().policy()).isEmpty()) {
                LOG.warning(() -> "execution " + e.execution().id() + " is the " + MAX_CHAIN_DEPTH + "th chained run in a row;"
                        + " its chain is not followed (a cycle of chains?)");
            }
        }
        if (chained.isEmpty()) {
            return next;
        }
        Map<String, Job> children = jobs.byIds(chained);
        for (Ended e : ended) {
            if (e.job() != null && e.execution().nextAttemptId() == null && depth(e.execution()) < MAX_CHAIN_DEPTH) {
                for (String childId : chain(e.execution(), e.job().policy())) {
                    Job child = children.get(childId);
                    if (child != null) {
                        next.add(chained(e.execution(), child, now));
                    }
                }
            }
        }
        return next;
    }

    private static int depth(Execution x) {
        return x.chainDepth() == null ? 0 : x.chainDepth();
    }

    /** The next attempt of a failed or timed-out run, when the policy has one left. */
    static Optional<Execution> retry(Execution x, RunPolicy policy, Instant now) {
        int attempt = x.attempt() == null ? 1 : x.attempt();
        boolean failed = x.status() == ExecutionStatus.failed || x.status() == ExecutionStatus.timeout;
        if (!failed || attempt > policy.maxRetries()) {
            return Optional.empty();
        }
        Instant ended = x.completedAt() == null ? now : x.completedAt();
        Instant due = ended.plus(policy.retryDelay(attempt));
        String first = x.retryOf() == null ? x.id() : x.retryOf();
        return Optional.of(new Execution().id(Ids.forFire(first + ":attempt:" + (attempt + 1), due)).jobId(x.jobId())
                .userId(x.userId()).jobName(x.jobName()).jobClassString(x.jobClassString())
                .status(ExecutionStatus.scheduled).trigger("retry").scheduledTime(due).createdAt(now)
                .attempt(attempt + 1).retryOf(first).parentExecutionId(x.parentExecutionId()).chainDepth(x.chainDepth()));
    }

    /** The job ids a run's end chains to: {@code on_success} after success, {@code on_failure} after failure or timeout. */
    static List<String> chain(Execution x, RunPolicy policy) {
        return switch (x.status()) {
            case succeeded -> policy.onSuccess();
            case failed, timeout -> policy.onFailure();
            default -> List.of();
        };
    }

    /** A run of the chained job, under its own owner, due when its parent ended. */
    static Execution chained(Execution parent, Job child, Instant now) {
        Instant due = parent.completedAt() == null ? now : parent.completedAt();
        return new Execution().id(Ids.forFire(parent.id() + ":chain:" + child.id(), due)).jobId(child.id())
                .userId(child.userId()).jobName(child.name()).jobClassString(child.jobClassString())
                .status(ExecutionStatus.scheduled).trigger("dependency").scheduledTime(due).createdAt(now)
                .parentExecutionId(parent.id()).chainDepth(depth(parent) + 1);
    }
}
