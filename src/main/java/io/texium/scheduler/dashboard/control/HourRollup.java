package io.texium.scheduler.dashboard.control;

import io.texium.scheduler.executions.control.ExecutionBucket;
import io.texium.scheduler.executions.entity.Execution;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * One hour's executions summed up, as stored in {@code scheduler_dashboard_hours} (one document per hourly bucket,
 * {@code _id} the bucket's name): how many executions it was made from and how many of them had not ended, a tally
 * of everyone's executions without jobs, and one tally per user with their jobs.
 */
public final class HourRollup {

    /** What a tally without jobs reads of an execution. */
    static final List<String> COUNT_FIELDS = List.of("status", "trigger", "scheduled_time", "started_at", "user_id");
    /** What a tally with jobs reads of an execution. */
    static final List<String> JOB_FIELDS = List.of("status", "trigger", "scheduled_time", "started_at", "user_id",
            "job_id", "job_name", "duration_ms", "completed_at", "error");

    private final ExecutionBucket bucket;
    private long executions;
    private long unfinished;
    private final Tally all = new Tally(false);
    private final Map<String, Tally> users = new HashMap<>();

    public HourRollup(ExecutionBucket bucket) {
        this.bucket = bucket;
    }

    public void add(Execution x) {
        executions++;
        if (x.status() != null && !x.status().ended()) {
            unfinished++;
        }
        all.add(x);
        users.computeIfAbsent(StoredKeys.of(x.userId()), k -> new Tally(true)).add(x);
    }

    public ExecutionBucket bucket() {
        return bucket;
    }

    /** How many executions this rollup counts. */
    public long executions() {
        return executions;
    }

    /** How many of them had not ended when counted: such a rollup is never stored. */
    public long unfinished() {
        return unfinished;
    }

    /** The tally of one user's executions, with their jobs; or of everyone's (null), with every job. */
    public Tally scope(String userId) {
        if (userId != null) {
            Tally user = users.get(StoredKeys.of(userId));
            return user != null ? user : new Tally(true);
        }
        var everyone = new Tally(true);
        users.values().forEach(everyone::merge);
        return everyone;
    }

    Document toDocument(Date computedAt) {
        Document perUser = new Document();
        users.forEach((key, tally) -> perUser.append(key, tally.toDocument()));
        return new Document("_id", bucket.name()).append("hour", Date.from(bucket.start()))
                .append("executions", executions).append("computed_at", computedAt)
                .append("all", all.toDocument()).append("users", perUser);
    }

    /** Adds a stored hour (read whole) to this rollup: how a day's rollup is made from its hours. */
    void merge(Document storedHour) {
        executions += executionsOf(storedHour);
        all.merge(Tally.of(storedHour.get("all", Document.class), false));
        Document perUser = storedHour.get("users", Document.class);
        if (perUser != null) {
            perUser.forEach((key, tally) -> users.computeIfAbsent(key, k -> new Tally(true)).merge(Tally.of((Document) tally, true)));
        }
    }

    /** A day's rollup as stored: the sum of its hours, with the count of executions of each hour it was made from. */
    Document toDayDocument(String day, Map<String, Long> hours, Date computedAt) {
        Document document = toDocument(computedAt);
        document.put("_id", day);
        document.remove("hour");
        document.append("hours", new Document(new java.util.LinkedHashMap<String, Object>(hours)));
        return document;
    }

    /** The count of executions a stored rollup was made from. */
    static long executionsOf(Document stored) {
        return JobTally.number(stored, "executions");
    }

    /**
     * The scope's tally of a stored rollup read with {@link #projection}: one user's section, or for everyone the
     * counts and lags of {@code all} plus, with jobs, every user's jobs.
     */
    static Tally scopeOf(Document stored, String userId, boolean withJobs) {
        Document perUser = stored.get("users", Document.class);
        if (userId != null) {
            return Tally.of(perUser == null ? null : perUser.get(StoredKeys.of(userId), Document.class), withJobs);
        }
        var everyone = Tally.of(stored.get("all", Document.class), false);
        if (!withJobs) {
            return everyone;
        }
        var withJobTallies = new Tally(true);
        if (perUser != null) {
            perUser.values().forEach(u -> withJobTallies.merge(Tally.of(new Document("jobs", ((Document) u).get("jobs")), true)));
        }
        withJobTallies.merge(everyone);
        return withJobTallies;
    }

    /** The fields {@link #scopeOf} needs for a user (null: everyone), with or without the jobs. */
    static Document projection(String userId, boolean withJobs) {
        Document fields = new Document("executions", 1);
        if (userId == null) {
            fields.append("all", 1);
            if (withJobs) {
                fields.append("users", 1);
            }
        } else if (withJobs) {
            fields.append("users." + StoredKeys.of(userId), 1);
        } else {
            fields.append("users." + StoredKeys.of(userId) + ".counts", 1).append("users." + StoredKeys.of(userId) + ".lag", 1);
        }
        return fields;
    }
}
