package io.texium.scheduler.health;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.texium.scheduler.platform.Housekeeping;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.platform.Page;
import io.texium.scheduler.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The samples of the SystemMetrics job, in {@code scheduler_metrics}: stored, listed by time, and deleted daily
 * (on one instance) once older than {@code texium.retention.metrics-days}; 0 keeps them all.
 */
@ApplicationScoped
public class MetricsHistory {

    static final String COLLECTION = "scheduler_metrics";
    private static final Logger LOG = Logger.getLogger(MetricsHistory.class.getName());

    @Inject
    @ConfigProperty(name = "texium.retention.metrics-days", defaultValue = "7")
    int days;

    @Inject
    MongoStore store;

    private volatile boolean indexed;

    /** Stores one sample taken at {@code time}. */
    public void add(Instant time, Map<String, Object> sample) {
        Document d = new Document(sample);
        d.put("time", Date.from(time));
        collection().insertOne(d);
    }

    /** The samples between {@code since} (inclusive) and {@code until} (exclusive), oldest first; of one instance or all (null). */
    public Page<Map<String, Object>> list(Instant since, Instant until, String instance, PageRequest page) {
        List<Bson> filter = new ArrayList<>(List.of(Filters.gte("time", Date.from(since)), Filters.lt("time", Date.from(until))));
        if (instance != null) {
            filter.add(Filters.eq("instance", instance));
        }
        Bson query = Filters.and(filter);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Document d : collection().find(query).sort(Sorts.ascending("time", "_id")).skip(page.skip()).limit(page.size())) {
            Map<String, Object> item = new LinkedHashMap<>(d);
            item.remove("_id");
            item.put("time", d.getDate("time").toInstant());
            items.add(item);
        }
        return new Page<>(items, collection().countDocuments(query), page.page(), page.size());
    }

    void onDaily(@Observes Housekeeping.Daily daily) {
        if (days <= 0) {
            return;
        }
        try {
            Instant before = daily.now().minus(Duration.ofDays(days));
            long deleted = collection().deleteMany(Filters.lt("time", Date.from(before))).getDeletedCount();
            LOG.info(() -> "deleted " + deleted + " metrics samples taken before " + before);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not delete the metrics samples older than " + days + " days; trying again tomorrow", e);
        }
    }

    private MongoCollection<Document> collection() {
        MongoCollection<Document> collection = store.database().getCollection(COLLECTION);
        if (!indexed) {
            collection.createIndex(Indexes.ascending("time"));
            indexed = true;
        }
        return collection;
    }
}
