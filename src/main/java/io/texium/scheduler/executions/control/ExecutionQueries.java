package io.texium.scheduler.executions.control;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * Reads of the executions across their hourly buckets, newest first by id (a fire's due second, a manual run's
 * start): a page by number or by key, one execution by id, and the maintained counts. A page walks the buckets that
 * can hold matches (by time, and by the per-bucket counts of the job, the user and unfinished executions) from the
 * newest (with {@code after}: from the oldest) and asks each only for what is still missing. A total comes from the
 * maintained counts when the filter names the user and status only, or the job only; else it is counted in the
 * newest of those buckets, and past {@link #COUNT_LIMIT} stored executions extrapolated and flagged estimated.
 */
@ApplicationScoped
public class ExecutionQueries {

    /** How many stored executions a filtered total counts exactly before it extrapolates. */
    static final long COUNT_LIMIT = 5_000;

    @Inject
    ExecutionBuckets buckets;

    @Inject
    ExecutionCounts counts;

    long countLimit = COUNT_LIMIT;

    /** What {@link #scan} reads of each execution: no output or error, which can be 64 KiB each. */
    private static final Bson SUMMARY = Projections.exclude("output", "error", "reason");

    /** The filters of an execution list; null means "any". {@code since} is inclusive, {@code until} exclusive. */
    public record Filter(String jobId, String userId, ExecutionStatus status, Instant since, Instant until) {
        Bson toBson() {
            List<Bson> parts = new ArrayList<>();
            if (jobId != null) {
                parts.add(Filters.eq("job_id", jobId));
            }
            if (userId != null) {
                parts.add(Filters.eq("user_id", userId));
            }
            if (status != null) {
                parts.add(Filters.eq("status", status.name()));
            }
            if (since != null) {
                parts.add(Filters.gte("scheduled_time", Date.from(since)));
            }
            if (until != null) {
                parts.add(Filters.lt("scheduled_time", Date.from(until)));
            }
            return and(parts);
        }

        /** Whether the counts per user and status answer this filter's total. */
        boolean byUserAndStatus() {
            return jobId == null && since == null && until == null;
        }

        /** Whether the per-bucket job counts answer this filter's total. */
        boolean byJob() {
            return jobId != null && userId == null && status == null && since == null && until == null;
        }

        /**
         * Whether a bucket's hour can hold matches: an execution's id is never earlier than the whole second of its
         * scheduled time and at most a second later, so since and until bound the buckets exactly. Compared as
         * instants, so that an until in the last second of year 9999 needs no bucket of year 10000.
         */
        boolean admits(ExecutionBucket bucket) {
            return (since == null || since.isBefore(bucket.end()))
                    && (until == null || !bucket.start().isAfter(until.plusSeconds(1)));
        }

        boolean unfinished() {
            return status == ExecutionStatus.scheduled || status == ExecutionStatus.running;
        }
    }

    /** Key paging: only executions older than {@code before} and newer than {@code after} (ids; null: no bound). */
    public record Keys(String before, String after) {

        public static final Keys NONE = new Keys(null, null);

        boolean none() {
            return before == null && after == null;
        }

        Bson toBson() {
            List<Bson> parts = new ArrayList<>();
            if (before != null) {
                parts.add(Filters.lt("_id", new ObjectId(before)));
            }
            if (after != null) {
                parts.add(Filters.gt("_id", new ObjectId(after)));
            }
            return and(parts);
        }

        boolean admits(Candidate candidate) {
            return (before == null || candidate.bucket().compareTo(ExecutionBucket.ofId(before)) <= 0)
                    && (after == null || candidate.bucket().compareTo(ExecutionBucket.ofId(after)) >= 0);
        }
    }

    /**
     * A page of executions, newest first; its total, maybe estimated; {@code nextBefore} when older executions
     * follow, {@code nextAfter} (pages asked with {@code after}) when newer ones do.
     */
    public record Slice(List<Execution> items, long total, boolean totalEstimated, int page, int pageSize,
                        String nextBefore, String nextAfter) {
    }

    /** A bucket that can hold matches: how many executions it holds, and how many of them could match (its weight). */
    record Candidate(ExecutionBucket bucket, long executions, long weight) {
    }

    /** A page by number ({@code skip}) within the key bounds. */
    public Slice list(Filter filter, PageRequest request, Keys keys) {
        List<Candidate> candidates = candidates(filter);
        boolean forward = keys.after() != null;
        List<Candidate> walk = new ArrayList<>(candidates.stream().filter(keys::admits).toList());
        if (forward) {
            Collections.reverse(walk);
        }
        Bson query = and(List.of(filter.toBson(), keys.toBson()));
        Long exact = null;
        if (filter.byUserAndStatus()) {
            exact = exactTotal(filter);
        } else if (filter.byJob()) {
            exact = candidates.stream().mapToLong(Candidate::weight).sum();
        }
        Map<ExecutionBucket, Long> matches = new HashMap<>();
        List<Document> found = new ArrayList<>();
        int wanted = request.size() + 1; // one more tells whether another page follows
        long skip = request.skip();
        for (Candidate candidate : walk) {
            if (found.size() >= wanted) {
                break;
            }
            MongoCollection<Document> bucket = buckets.read(candidate.bucket());
            if (skip > 0) {
                long n = count(bucket, query);
                if (keys.none()) {
                    matches.put(candidate.bucket(), n);
                }
                if (n <= skip) {
                    skip -= n;
                    continue;
                }
            }
            int limit = wanted - found.size();
            List<Document> page = bucket.find(query).sort(forward ? Sorts.ascending("_id") : Sorts.descending("_id"))
                    .skip((int) skip).limit(limit).into(new ArrayList<>());
            if (page.size() < limit && keys.none()) {
                matches.put(candidate.bucket(), skip + page.size());
            }
            skip = 0;
            found.addAll(page);
        }
        boolean more = found.size() > request.size();
        List<Execution> items = new ArrayList<>(found.stream().limit(request.size()).map(ExecutionWrites::execution).toList());
        if (forward) {
            Collections.reverse(items);
        }
        Total total = exact != null ? new Total(exact, false) : countTotal(filter, candidates, matches);
        return new Slice(items, total.count(), total.estimated(), request.page(), request.size(),
                !forward && more ? items.getLast().id() : null, forward && more ? items.getFirst().id() : null);
    }

    /**
     * Hands every execution that matches the filter to {@code each}, oldest bucket first, reading only the buckets
     * that can hold matches and streaming each one in batches: nothing is collected here. The executions carry their
     * ids, job, user, status, times, duration and fire count; output, error and reason are left out (not read).
     */
    public void scan(Filter filter, Consumer<Execution> each) {
        List<Candidate> walk = new ArrayList<>(candidates(filter));
        Collections.reverse(walk);
        Bson query = filter.toBson();
        for (Candidate candidate : walk) {
            for (Document d : buckets.read(candidate.bucket()).find(query).projection(SUMMARY).batchSize(1000)) {
                each.accept(ExecutionWrites.execution(d));
            }
        }
    }

    /** How many executions a bucket holds, and how many of them have not ended (both from the maintained counts). */
    public record BucketState(long executions, long unfinished) {
    }

    /** Every bucket's state, by bucket: two look-ups by id, no scan. */
    public Map<ExecutionBucket, BucketState> bucketStates() {
        Map<ExecutionBucket, Long> open = counts.perBucket("open");
        Map<ExecutionBucket, BucketState> states = new HashMap<>();
        counts.perBucket("all").forEach((b, n) -> states.put(b, new BucketState(n, open.getOrDefault(b, 0L))));
        return states;
    }

    /**
     * Hands every execution of one bucket (of one user, or all for null) to {@code each}, streamed in batches, with
     * only the named fields (and the id) read: the rest of the execution is null.
     */
    public void scanBucket(ExecutionBucket bucket, String userId, List<String> fields, Consumer<Execution> each) {
        Bson query = userId == null ? Filters.empty() : Filters.eq("user_id", userId);
        for (Document d : buckets.read(bucket).find(query).projection(Projections.include(fields)).batchSize(1000)) {
            each.accept(ExecutionWrites.execution(d));
        }
    }

    /** One execution, from the one bucket its id names. */
    public Optional<Execution> find(String id) {
        Document d = buckets.read(ExecutionBucket.ofId(id)).find(Filters.eq("_id", new ObjectId(id))).first();
        return Optional.ofNullable(d).map(ExecutionWrites::execution);
    }

    /**
     * The runs that an execution's chain started ({@code on_success}, {@code on_failure}): their ids carry the moment
     * the parent ended, so they are in that one bucket.
     */
    public List<Execution> children(Execution parent) {
        if (parent.completedAt() == null) {
            return List.of();
        }
        List<Execution> children = new ArrayList<>();
        buckets.read(ExecutionBucket.of(parent.completedAt())).find(Filters.eq("parent_execution_id", parent.id()))
                .projection(SUMMARY).forEach(d -> children.add(ExecutionWrites.execution(d)));
        return children;
    }

    /** The maintained counts per status, for one user or everyone (null). */
    public Map<ExecutionStatus, Long> counts(String userId) {
        return counts.totals(userId);
    }

    /**
     * The buckets that can hold the filter's matches, newest first: the per-bucket counts are raised before an
     * insert, so a bucket they do not count holds none of what they count.
     */
    private List<Candidate> candidates(Filter filter) {
        Map<ExecutionBucket, Long> executions = counts.perBucket("all");
        Map<ExecutionBucket, Long> jobs = filter.jobId() == null ? null : counts.perBucket("job:" + filter.jobId());
        Map<ExecutionBucket, Long> users = filter.userId() == null ? null : counts.perBucket("user:" + filter.userId());
        Map<ExecutionBucket, Long> open = filter.unfinished() ? counts.perBucket("open") : null;
        List<Candidate> candidates = new ArrayList<>();
        for (var bucket : (jobs != null ? jobs : users != null ? users : executions).entrySet()) {
            ExecutionBucket b = bucket.getKey();
            if (filter.admits(b) && (users == null || users.containsKey(b)) && (open == null || open.containsKey(b))) {
                candidates.add(new Candidate(b, executions.getOrDefault(b, 0L), bucket.getValue()));
            }
        }
        return candidates;
    }

    private long exactTotal(Filter filter) {
        Map<ExecutionStatus, Long> totals = counts.totals(filter.userId());
        return filter.status() != null ? totals.get(filter.status()) : totals.values().stream().mapToLong(Long::longValue).sum();
    }

    private record Total(long count, boolean estimated) {
    }

    /**
     * The filter's matches in the newest candidate buckets until {@link #countLimit} stored executions were scanned
     * (reusing what the page walk counted); the rest extrapolated by the buckets' weights.
     */
    private Total countTotal(Filter filter, List<Candidate> candidates, Map<ExecutionBucket, Long> matches) {
        Bson query = filter.toBson();
        long matched = 0;
        long scanned = 0;
        long countedWeight = 0;
        long restWeight = 0;
        for (Candidate candidate : candidates) {
            if (scanned >= countLimit && !matches.containsKey(candidate.bucket())) {
                restWeight += candidate.weight();
                continue;
            }
            matched += matches.computeIfAbsent(candidate.bucket(), b -> count(buckets.read(b), query));
            scanned += candidate.executions();
            countedWeight += candidate.weight();
        }
        if (restWeight == 0) {
            return new Total(matched, false);
        }
        return new Total(matched + Math.round((double) matched * restWeight / Math.max(1, countedWeight)), true);
    }

    /** The matches in one bucket; with no filter the store's own count, which the embedded store keeps too. */
    private static long count(MongoCollection<Document> bucket, Bson query) {
        return query.toBsonDocument().isEmpty() ? bucket.estimatedDocumentCount() : bucket.countDocuments(query);
    }

    private static Bson and(List<Bson> parts) {
        List<Bson> given = parts.stream().filter(p -> !p.toBsonDocument().isEmpty()).toList();
        return given.isEmpty() ? Filters.empty() : given.size() == 1 ? given.getFirst() : Filters.and(given);
    }
}
