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
            HourRollup rollup = live(bucket, null);
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
    }

    /**
     * The tally of each bucket of {@code window} (oldest first) for one user (null: everyone): from its rollup while
     * that is current, else read live from the bucket. A bucket without executions tallies empty.
     */
    public Map<ExecutionBucket, Tally> tallies(List<ExecutionBucket> window, String userId) {
        Map<ExecutionBucket, Tally> tallies = new LinkedHashMap<>();
        if (window.isEmpty()) {
            return tallies;
        }
        Map<ExecutionBucket, BucketState> states = executions.bucketStates();
        Map<String, Document> stored = new HashMap<>();
        var range = Filters.and(Filters.gte("_id", window.getFirst().name()), Filters.lte("_id", window.getLast().name()));
        for (Document d : collection().find(range).projection(HourRollup.projection(userId))) {
            stored.put(d.getString("_id"), d);
        }
        for (ExecutionBucket bucket : window) {
            BucketState state = states.get(bucket);
            Document rollup = stored.get(bucket.name());
            if (state == null) {
                tallies.put(bucket, new Tally(true));
            } else if (rollup != null && state.unfinished() == 0 && HourRollup.executionsOf(rollup) == state.executions()) {
                tallies.put(bucket, HourRollup.scopeOf(rollup, userId));
            } else {
                tallies.put(bucket, live(bucket, userId).scope(userId));
            }
        }
        return tallies;
    }

    /** A bucket's rollup made from its executions (one user's, or all for null). */
    HourRollup live(ExecutionBucket bucket, String userId) {
        var rollup = new HourRollup(bucket);
        executions.scanBucket(bucket, userId, rollup::add);
        return rollup;
    }

    private MongoCollection<Document> collection() {
        return store.database().getCollection(COLLECTION);
    }
}
