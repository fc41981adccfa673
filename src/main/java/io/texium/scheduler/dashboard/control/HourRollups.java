package io.texium.scheduler.dashboard.control;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import io.texium.scheduler.executions.control.ExecutionBucket;
import io.texium.scheduler.executions.control.ExecutionQueries;
import io.texium.scheduler.executions.control.ExecutionQueries.BucketState;
import io.texium.scheduler.platform.Background;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.platform.StoreAvailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.bson.Document;

/**
 * The hourly rollups of the dashboard, in {@code scheduler_dashboard_hours}. A background loop on every instance
 * (every {@link #REFRESH}, nothing on the run path) rolls up each bucket of the last {@link #KEPT} hours that has
 * ended and settled (its maintained count of unfinished executions is 0) and whose rollup is missing or counts a different
 * number of executions than the bucket's maintained count, and drops the rollups of older or removed buckets. A
 * reader trusts a rollup only while those two counts still agree and nothing in the bucket is unfinished; any
 * other bucket of its window (always the current hour, an hour with a run still going, one just changed) it reads
 * live, so the answers are exact at the moment of the request.
 */
@ApplicationScoped
public class HourRollups {

    private static final Logger LOG = Logger.getLogger(HourRollups.class.getName());
    static final String COLLECTION = "scheduler_dashboard_hours";
    /** Whole UTC days summed from their hours, so that a week's window reads 6 days and the hours at its ends. */
    static final String DAYS = "scheduler_dashboard_days";
    static final Duration REFRESH = Duration.ofSeconds(15);
    /** The longest window (168 hours) and the hour it started in. */
    static final int KEPT = 169;

    @Inject
    MongoStore store;

    @Inject
    ExecutionQueries executions;

    @Inject
    Background background;

    @Inject
    Clock clock;

    private boolean refreshing;

    /**
     * A stored rollup as read for one scope: valid exactly as long as the rollup itself, i.e. while its hour (or each
     * hour of its day) still has the count of executions it was made from and nothing unfinished.
     */
    private record Parsed(String rollup, String counts, String userId, boolean withJobs) {
    }

    /**
     * The rollups read lately, parsed, so that a dashboard refreshed every few seconds does not read and parse the
     * same finished hours again: checked against the maintained counts on every use, as a stored rollup is. Only
     * tallies read from stored rollups are kept (never a live read); never changed once kept (readers merge them into
     * tallies of their own).
     */
    private final Map<Parsed, Tally> parsed = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Parsed, Tally> eldest) {
                    return size() > 4_096;
                }
            });

    void onStore(@Observes StoreAvailable available) {
        synchronized (this) {
            if (!refreshing) {
                refreshing = true;
                background.every(Duration.ofSeconds(1), REFRESH, "dashboard rollups", this::refresh);
            }
        }
    }

    /** Rolls up the settled buckets without a current rollup, newest first; drops rollups no window can need. */
    void refresh() {
        Instant now = clock.instant();
        ExecutionBucket oldest = ExecutionBucket.of(now.minus(Duration.ofHours(KEPT - 1)));
        Map<ExecutionBucket, BucketState> states = executions.bucketStates();
        Map<String, Long> rolled = new HashMap<>();
        for (Document d : collection().find().projection(Projections.include("_id", "executions"))) {
            rolled.put(d.getString("_id"), HourRollup.executionsOf(d));
        }
        int made = 0;
        List<ExecutionBucket> due = new ArrayList<>(states.keySet());
        due.sort(java.util.Comparator.reverseOrder());
        for (ExecutionBucket bucket : due) {
            BucketState state = states.get(bucket);
            if (bucket.compareTo(oldest) < 0 || bucket.end().isAfter(now) || state.unfinished() > 0
                    || Long.valueOf(state.executions()).equals(rolled.get(bucket.name()))) {
                continue;
            }
            HourRollup rollup = live(bucket, null, true);
            if (rollup.unfinished() == 0 && rollup.executions() == state.executions()) {
                collection().replaceOne(Filters.eq("_id", bucket.name()), rollup.toDocument(Date.from(now)),
                        new ReplaceOptions().upsert(true));
                made++;
            }
        }
        List<String> stale = rolled.keySet().stream().filter(name -> name.compareTo(oldest.name()) < 0
                || !states.containsKey(new ExecutionBucket(name))).toList();
        if (!stale.isEmpty()) {
            collection().deleteMany(Filters.in("_id", stale));
        }
        if (made > 0) {
            LOG.fine("dashboard: rolled up " + made + " hours");
        }
        refreshDays(now, oldest, states);
    }

    /**
     * Sums each whole UTC day of the last {@link #KEPT} hours into one document once all its hours are rolled up and
     * settled, again when the counts of its hours change; drops the days no window can need.
     */
    void refreshDays(Instant now, ExecutionBucket oldest, Map<ExecutionBucket, BucketState> states) {
        Instant firstDay = oldest.start().truncatedTo(ChronoUnit.DAYS);
        for (Instant day = firstDay; !day.plus(Duration.ofDays(1)).isAfter(now); day = day.plus(Duration.ofDays(1))) {
            if (day.isBefore(oldest.start())) {
                continue;
            }
            List<ExecutionBucket> hours = hoursOf(day);
            Map<String, Long> signature = signature(hours, states);
            if (signature == null) {
                continue;
            }
            String name = dayName(day);
            Document stored = days().find(Filters.eq("_id", name)).projection(Projections.include("hours")).first();
            if (stored != null && signature.equals(numbers(stored.get("hours", Document.class)))) {
                continue;
            }
            var sum = new HourRollup(hours.getFirst());
            long rolled = 0;
            for (Document hour : collection().find(Filters.in("_id", signature.keySet()))) {
                if (HourRollup.executionsOf(hour) != signature.get(hour.getString("_id"))) {
                    break;
                }
                sum.merge(hour);
                rolled++;
            }
            if (rolled == signature.size()) {
                days().replaceOne(Filters.eq("_id", name), sum.toDayDocument(name, signature, Date.from(now)),
                        new ReplaceOptions().upsert(true));
            }
        }
        days().deleteMany(Filters.lt("_id", dayName(firstDay)));
    }

    /** The executions of each hour of a day that holds any, by bucket name; null while one of them is unfinished. */
    private static Map<String, Long> signature(List<ExecutionBucket> hours, Map<ExecutionBucket, BucketState> states) {
        Map<String, Long> signature = new java.util.TreeMap<>();
        for (ExecutionBucket hour : hours) {
            BucketState state = states.get(hour);
            if (state != null) {
                if (state.unfinished() > 0) {
                    return null;
                }
                signature.put(hour.name(), state.executions());
            }
        }
        return signature;
    }

    private static Map<String, Long> numbers(Document stored) {
        Map<String, Long> numbers = new java.util.TreeMap<>();
        if (stored != null) {
            stored.forEach((k, v) -> numbers.put(k, ((Number) v).longValue()));
        }
        return numbers;
    }

    static List<ExecutionBucket> hoursOf(Instant day) {
        List<ExecutionBucket> hours = new ArrayList<>(24);
        for (int h = 0; h < 24; h++) {
            hours.add(ExecutionBucket.of(day.plus(Duration.ofHours(h))));
        }
        return hours;
    }

    static String dayName(Instant day) {
        return ExecutionBucket.of(day).name().substring(0, 8);
    }

    /**
     * The sum of the window's tallies for one user (null: everyone), with or without the jobs: each whole UTC day
     * inside the window from its day rollup while its hours' counts are those it was made from, every other hour as
     * {@link #tallies} reads it.
     */
    public Tally sum(List<ExecutionBucket> window, String userId, boolean withJobs) {
        Tally sum = new Tally(withJobs);
        Map<ExecutionBucket, BucketState> states = executions.bucketStates();
        Instant now = clock.instant();
        List<Instant> wholeDays = new ArrayList<>();
        for (ExecutionBucket hour : window) {
            Instant start = hour.start();
            if (start.equals(start.truncatedTo(ChronoUnit.DAYS)) && !start.plus(Duration.ofDays(1)).isAfter(now)
                    && window.contains(ExecutionBucket.of(start.plus(Duration.ofHours(23))))) {
                wholeDays.add(start);
            }
        }
        List<ExecutionBucket> rest = new ArrayList<>(window);
        List<Instant> toRead = new ArrayList<>();
        for (Instant day : wholeDays) {
            Map<String, Long> signature = signature(hoursOf(day), states);
            Tally known = signature == null ? null : parsed.get(new Parsed(dayName(day), signature.toString(), userId, withJobs));
            if (known != null) {
                sum.merge(known);
                rest.removeAll(hoursOf(day));
            } else if (signature != null) {
                toRead.add(day);
            }
        }
        if (!toRead.isEmpty()) {
            Map<String, Document> stored = new HashMap<>();
            Document fields = HourRollup.projection(userId, withJobs).append("hours", 1);
            for (Document d : days().find(Filters.in("_id", toRead.stream().map(HourRollups::dayName).toList())).projection(fields)) {
                stored.put(d.getString("_id"), d);
            }
            for (Instant day : toRead) {
                List<ExecutionBucket> hours = hoursOf(day);
                Document rollup = stored.get(dayName(day));
                Map<String, Long> signature = signature(hours, states);
                if (rollup != null && signature.equals(numbers(rollup.get("hours", Document.class)))) {
                    Tally tally = HourRollup.scopeOf(rollup, userId, withJobs);
                    parsed.put(new Parsed(dayName(day), signature.toString(), userId, withJobs), tally);
                    sum.merge(tally);
                    rest.removeAll(hours);
                }
            }
        }
        tallies(rest, userId, withJobs, states).values().forEach(sum::merge);
        return sum;
    }

    /**
     * The tally of each bucket of {@code window} (oldest first) for one user (null: everyone), with or without its
     * jobs: from its rollup while that is current, else read live from the bucket (only the fields needed). A
     * bucket without executions tallies empty.
     */
    public Map<ExecutionBucket, Tally> tallies(List<ExecutionBucket> window, String userId, boolean withJobs) {
        return tallies(window, userId, withJobs, executions.bucketStates());
    }

    private Map<ExecutionBucket, Tally> tallies(List<ExecutionBucket> window, String userId, boolean withJobs,
                                                Map<ExecutionBucket, BucketState> states) {
        Map<ExecutionBucket, Tally> tallies = new LinkedHashMap<>();
        List<ExecutionBucket> toRead = new ArrayList<>();
        for (ExecutionBucket bucket : window) {
            BucketState state = states.get(bucket);
            Tally known = state == null || state.unfinished() > 0 ? null
                    : parsed.get(new Parsed(bucket.name(), Long.toString(state.executions()), userId, withJobs));
            if (state == null) {
                tallies.put(bucket, new Tally(true));
            } else if (known != null) {
                tallies.put(bucket, known);
            } else {
                tallies.put(bucket, null);
                toRead.add(bucket);
            }
        }
        Map<String, Document> stored = new HashMap<>();
        if (!toRead.isEmpty()) {
            var range = Filters.and(Filters.gte("_id", toRead.getFirst().name()), Filters.lte("_id", toRead.getLast().name()));
            for (Document d : collection().find(range).projection(HourRollup.projection(userId, withJobs))) {
                stored.put(d.getString("_id"), d);
            }
        }
        for (ExecutionBucket bucket : toRead) {
            BucketState state = states.get(bucket);
            Document rollup = stored.get(bucket.name());
            if (rollup != null && state.unfinished() == 0 && HourRollup.executionsOf(rollup) == state.executions()) {
                Tally tally = HourRollup.scopeOf(rollup, userId, withJobs);
                parsed.put(new Parsed(bucket.name(), Long.toString(state.executions()), userId, withJobs), tally);
                tallies.put(bucket, tally);
            } else {
                tallies.put(bucket, live(bucket, userId, withJobs).scope(userId));
            }
        }
        return tallies;
    }

    /** A bucket's rollup made from its executions (one user's, or all for null). */
    HourRollup live(ExecutionBucket bucket, String userId, boolean withJobs) {
        var rollup = new HourRollup(bucket);
        executions.scanBucket(bucket, userId, withJobs ? HourRollup.JOB_FIELDS : HourRollup.COUNT_FIELDS, rollup::add);
        return rollup;
    }

    private MongoCollection<Document> collection() {
        return store.database().getCollection(COLLECTION);
    }

    private MongoCollection<Document> days() {
        return store.database().getCollection(DAYS);
    }
}
