package io.texium.scheduler.jobs.control;

import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.texium.scheduler.cluster.control.Changed;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.jobs.entity.Notify;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.platform.Page;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.platform.StoreAvailable;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Every job's id, owner, name and flags in memory, newest first (an id carries its creation second): job lists and
 * counts answer from it in microseconds instead of scanning and sorting the collection, which a store without
 * secondary indexes (the embedded one) does on every query. Loaded when the store answers, kept current by this
 * instance's writes at once and by the change feed for the other instances' (within about a second).
 */
@ApplicationScoped
public class JobIndex {

    private static final Logger LOG = Logger.getLogger(JobIndex.class.getName());

    @Inject
    MongoStore store;

    /** What a list filters on. */
    record Entry(String id, String userId, String name, boolean enabled, boolean paused, Notify notifySetting) {
    }

    private static final Comparator<String> NEWEST_FIRST = Comparator.reverseOrder();

    /** Every job, newest first; written under this object's lock, read without it. */
    private volatile ConcurrentSkipListMap<String, Entry> entries = new ConcurrentSkipListMap<>(NEWEST_FIRST);
    /** The same entries per owner, so that a user's list walks that user's jobs only. */
    private volatile Map<String, ConcurrentSkipListMap<String, Entry>> byOwner = new ConcurrentHashMap<>();
    /** How many entries there are (a skip list counts by walking). */
    private final AtomicLong size = new AtomicLong();
    private volatile boolean loaded;

    void onStore(@Observes @Priority(250) StoreAvailable available) {
        reload();
    }

    private void reload() {
        try {
            var fresh = new ConcurrentSkipListMap<String, Entry>(NEWEST_FIRST);
            for (Document d : store.database().getCollection(JobDocuments.COLLECTION).find()
                    .projection(Projections.include("_id", "user_id", "name", "is_enabled", "is_paused", "notify"))) {
                Entry e = entry(d);
                fresh.put(e.id(), e);
            }
            Map<String, ConcurrentSkipListMap<String, Entry>> owners = new ConcurrentHashMap<>();
            fresh.values().forEach(e -> owners.computeIfAbsent(key(e.userId()), u -> new ConcurrentSkipListMap<>(NEWEST_FIRST)).put(e.id(), e));
            synchronized (this) {
                entries = fresh;
                byOwner = owners;
                size.set(fresh.size());
            }
            loaded = true;
        } catch (MongoException e) {
            LOG.log(Level.WARNING, "could not load the job index; lists read the store until it loads", e);
        }
    }

    void onChange(@Observes Changed change) {
        if (change.restored()) {
            reload();
            return;
        }
        if (!"job".equals(change.kind()) || !ObjectId.isValid(change.id())) {
            return;
        }
        Document d = store.database().getCollection(JobDocuments.COLLECTION).find(Filters.eq("_id", new ObjectId(change.id())))
                .projection(Projections.include("_id", "user_id", "name", "is_enabled", "is_paused", "notify")).first();
        if (d == null) {
            remove(change.id());
        } else {
            put(entry(d));
        }
    }

    /** Whether the index holds every job (else lists read the store). */
    boolean loaded() {
        return loaded;
    }

    void put(Job job) {
        put(new Entry(job.id(), job.userId(), job.name(), job.enabled(), job.paused(), job.notifySetting()));
    }

    private synchronized void put(Entry e) {
        Entry old = entries.put(e.id(), e);
        if (old == null) {
            size.incrementAndGet();
        } else if (!Objects.equals(old.userId(), e.userId())) {
            ownedBy(old.userId()).remove(old.id());
        }
        byOwner.computeIfAbsent(key(e.userId()), u -> new ConcurrentSkipListMap<>(NEWEST_FIRST)).put(e.id(), e);
    }

    synchronized void remove(String jobId) {
        Entry old = entries.remove(jobId);
        if (old != null) {
            size.decrementAndGet();
            ownedBy(old.userId()).remove(jobId);
        }
    }

    private Map<String, Entry> ownedBy(String userId) {
        return byOwner.getOrDefault(key(userId), EMPTY);
    }

    /** A job without an owner (never written by the API) is kept under the empty key: a map takes no null key. */
    private static String key(String userId) {
        return userId == null ? "" : userId;
    }

    private static final ConcurrentSkipListMap<String, Entry> EMPTY = new ConcurrentSkipListMap<>(NEWEST_FIRST);

    /**
     * The job's own {@code notify} setting, or null when it has none (or is not known here): whoever is told of its
     * runs then follows the server's default. Read from memory: asked for every recorded outcome.
     */
    public Notify notifySetting(String jobId) {
        Entry e = entries.get(jobId);
        return e == null ? null : e.notifySetting();
    }

    /** A page of the ids that match, newest first, with their count. */
    /**
     * A page of the ids that match, newest first, with their count: a user's list walks that user's jobs only, and a
     * list filtered by nothing else counts nothing (all jobs: the maintained size).
     */
    Page<String> ids(JobQueries.Filter filter, PageRequest page) {
        Predicate<Entry> matches = e -> filter.matches(e.userId(), e.enabled(), e.name(), e.paused());
        Map<String, Entry> source = filter.userId() == null ? entries : ownedBy(filter.userId());
        List<String> ids = source.values().stream().filter(matches).skip(page.skip()).limit(page.size())
                .map(Entry::id).toList();
        long total = !filter.byOwnerOnly() ? source.values().stream().filter(matches).count()
                : filter.userId() == null ? size.get() : source.size();
        return new Page<>(ids, total, page.page(), page.size());
    }

    /** How many of a user's (or, for null, all) jobs have these flags (null: either). */
    long count(String userId, Boolean enabled, Boolean paused) {
        if (enabled == null && paused == null) {
            return userId == null ? size.get() : ownedBy(userId).size();
        }
        return (userId == null ? entries : ownedBy(userId)).values().stream()
                .filter(e -> (enabled == null || enabled == e.enabled()) && (paused == null || paused == e.paused())).count();
    }

    private static Entry entry(Document d) {
        return new Entry(d.getObjectId("_id").toHexString(), d.getString("user_id"), d.getString("name"),
                Boolean.TRUE.equals(d.getBoolean("is_enabled")), Boolean.TRUE.equals(d.getBoolean("is_paused")),
                Notify.of(d.get("notify")));
    }
}
