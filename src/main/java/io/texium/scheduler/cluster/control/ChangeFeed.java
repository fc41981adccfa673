package io.texium.scheduler.cluster.control;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.texium.scheduler.platform.Background;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.platform.StoreAvailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one channel by which a change made on one instance reaches all the others: a change log in the store
 * ({@code scheduler_changes}, stamped with the store's time) that every instance polls, turning each entry written
 * elsewhere into a local {@link Changed} event. It needs nothing a plain MongoDB-compatible store lacks (no change
 * streams). Entries older than {@link #KEEP} are deleted; the minute-by-minute reconcile covers a missed entry.
 */
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class.getName());
    static final String COLLECTION = "scheduler_changes";
    /** How far back each poll looks, in the store's time: wider than a heartbeat, so no entry falls between polls. */
    static final Duration OVERLAP = Duration.ofSeconds(30);
    static final Duration KEEP = Duration.ofMinutes(10);

    @Inject
    @ConfigProperty(name = "texium.changes.poll-millis", defaultValue = "500")
    long pollMillis;

    @Inject
    MongoStore store;

    @Inject
    Instances instances;

    @Inject
    Background background;

    @Inject
    Event<Changed> changed;

    private final Map<ObjectId, Instant> seen = new ConcurrentHashMap<>();
    private volatile Instant lastCleanup = Instant.EPOCH;
    private boolean polling;

    void onStore(@Observes StoreAvailable available) {
        synchronized (this) {
            if (!polling) {
                polling = true;
                background.every(Duration.ofMillis(pollMillis), "change feed", this::poll);
            }
        }
    }

    /** Tells the other instances that {@code kind}/{@code id} changed; a failure is logged, the reconcile repairs it. */
    public void publish(String kind, String id) {
        try {
            changes().updateOne(Filters.eq("_id", new ObjectId()), Updates.combine(Updates.set("kind", kind),
                    Updates.set("target", id), Updates.set("origin", instances.id()), Updates.currentDate("at")),
                    new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            LOG.log(Level.WARNING, "could not announce the change of " + kind + " " + id
                    + "; the other instances pick it up at their next reconcile", e);
        }
    }

    void poll() {
        Instant now = instances.storeNow().orElse(null);
        if (now == null) {
            return;
        }
        Instant since = now.minus(OVERLAP);
        var elsewhere = Filters.and(Filters.gte("at", Date.from(since)), Filters.ne("origin", instances.id()));
        for (Document entry : changes().find(elsewhere)) {
            ObjectId entryId = entry.getObjectId("_id");
            if (seen.putIfAbsent(entryId, entry.getDate("at").toInstant()) == null) {
                changed.fire(new Changed(entry.getString("kind"), entry.getString("target")));
            }
        }
        seen.values().removeIf(at -> at.isBefore(since.minus(OVERLAP)));
        if (lastCleanup.isBefore(now.minus(Duration.ofMinutes(1)))) {
            lastCleanup = now;
            changes().deleteMany(Filters.lt("at", Date.from(now.minus(KEEP))));
        }
    }

    private MongoCollection<Document> changes() {
        return store.database().getCollection(COLLECTION);
    }
}
