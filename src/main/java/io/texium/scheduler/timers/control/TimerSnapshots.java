package io.texium.scheduler.timers.control;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.texium.scheduler.cluster.control.InstanceGone;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.cluster.control.MembersChanged;
import io.texium.scheduler.platform.Background;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.platform.StoreAvailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;

/**
 * What each instance tells the others about the timers it holds, since no instance can read another's EJB timers:
 * the ids of the jobs whose timer it holds, in id order, in chunks of {@value #CHUNK} ({@code scheduler_timer_snapshots},
 * one document per chunk). Written on the heartbeat when the timers held here changed, and only the chunks that
 * differ; not written at all while this instance is the only owner (its timers view answers from the live timers).
 * The snapshot of a gone instance is deleted by the survivor that takes over its work.
 */
@ApplicationScoped
public class TimerSnapshots {

    private static final Logger LOG = Logger.getLogger(TimerSnapshots.class.getName());
    static final String COLLECTION = "scheduler_timer_snapshots";
    static final int CHUNK = 10_000;

    @Inject
    MongoStore store;

    @Inject
    Instances instances;

    @Inject
    Background background;

    @Inject
    JobTimers timers;

    /** One instance's published timers: {@code total} job ids, the page asked for, and when they were written. */
    public record Snapshot(long total, List<String> jobIds, Instant publishedAt) {
    }

    private volatile long published = -1;
    /** The hash of each chunk as last written, to write only the chunks that changed. */
    private List<Integer> written = List.of();
    private boolean publishing;

    void onStore(@Observes StoreAvailable available) {
        synchronized (this) {
            if (!publishing) {
                publishing = true;
                background.every(instances.heartbeat(), "timer snapshot", this::publishIfChanged);
            }
        }
    }

    /** The owners changed: the next round writes the snapshot whole (another instance may have cleared it). */
    void onMembers(@Observes MembersChanged members) {
        published = -1;
    }

    /** The survivor of a gone instance deletes its snapshot. */
    void onGone(@Observes InstanceGone gone) {
        try {
            snapshots().deleteMany(Filters.eq("instance", gone.instanceId()));
        } catch (MongoException e) {
            LOG.log(Level.FINE, "could not delete the timer snapshot of " + gone.instanceId(), e);
        }
    }

    /** Writes the timers held here if they changed since the last write and other instances share the jobs. */
    synchronized void publishIfChanged() {
        if (instances.owners().members().size() < 2) {
            if (published != -2 && !written.isEmpty()) {
                clear();
            }
            published = -2;
            return;
        }
        long changes = timers.changes();
        if (changes == published) {
            return;
        }
        try {
            long started = System.nanoTime();
            int chunks = publish(timers.heldHere(), published == -1 || published == -2);
            published = changes;
            LOG.fine(() -> "timer snapshot: " + chunks + " chunk(s) written in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (MongoException e) {
            LOG.log(Level.FINE, "could not publish the timer snapshot; trying at the next heartbeat", e);
        }
    }

    /** Writes the chunks of these ids (in id order) that differ from those last written; returns how many it wrote. */
    int publish(List<String> jobIds, boolean whole) {
        String self = instances.id();
        List<Integer> hashes = new ArrayList<>();
        int wrote = 0;
        int count = (jobIds.size() + CHUNK - 1) / CHUNK;
        for (int c = 0; c < count; c++) {
            List<String> ids = jobIds.subList(c * CHUNK, Math.min(jobIds.size(), (c + 1) * CHUNK));
            int hash = ids.hashCode();
            hashes.add(hash);
            if (whole || c >= written.size() || written.get(c) != hash) {
                snapshots().replaceOne(Filters.eq("_id", self + ":" + c), new Document("_id", self + ":" + c)
                        .append("instance", self).append("chunk", c).append("first", ids.get(0))
                        .append("last", ids.get(ids.size() - 1)).append("job_ids", ids), new ReplaceOptions().upsert(true));
                wrote++;
            }
        }
        snapshots().deleteMany(Filters.and(Filters.eq("instance", self), Filters.gte("chunk", count)));
        snapshots().replaceOne(Filters.eq("_id", self + ":head"), new Document("_id", self + ":head")
                .append("instance", self).append("chunk", -1).append("total", (long) jobIds.size())
                .append("published_at", new Date()), new ReplaceOptions().upsert(true));
        written = hashes;
        return wrote;
    }

    private void clear() {
        try {
            snapshots().deleteMany(Filters.eq("instance", instances.id()));
            written = List.of();
        } catch (MongoException e) {
            LOG.log(Level.FINE, "could not clear the timer snapshot", e);
        }
    }

    /** How many timers the instance published (0 when it published none). */
    public long total(String instanceId) {
        Document head = snapshots().find(Filters.eq("_id", instanceId + ":head")).first();
        return head == null ? 0 : head.get("total", Number.class).longValue();
    }

    /** A page of the job ids the instance published, in id order; empty when it published none. */
    public Snapshot page(String instanceId, long skip, int limit) {
        List<String> ids = new ArrayList<>();
        Document head = snapshots().find(Filters.eq("_id", instanceId + ":head")).first();
        if (head == null) {
            return new Snapshot(0, List.of(), null);
        }
        long firstChunk = skip / CHUNK;
        var chunks = snapshots().find(Filters.and(Filters.eq("instance", instanceId), Filters.gte("chunk", firstChunk)))
                .sort(Sorts.ascending("chunk"));
        long position = firstChunk * CHUNK;
        for (Document chunk : chunks) {
            for (String id : chunk.getList("job_ids", String.class)) {
                if (position >= skip && ids.size() < limit) {
                    ids.add(id);
                }
                position++;
            }
            if (ids.size() >= limit) {
                break;
            }
        }
        return new Snapshot(head.get("total", Number.class).longValue(), ids, head.getDate("published_at").toInstant());
    }

    /** Whether the instance published a timer for the job. */
    public boolean holds(String instanceId, String jobId) {
        Document chunk = snapshots().find(Filters.and(Filters.eq("instance", instanceId), Filters.gte("chunk", 0),
                Filters.lte("first", jobId), Filters.gte("last", jobId))).first();
        return chunk != null && chunk.getList("job_ids", String.class).contains(jobId);
    }

    private MongoCollection<Document> snapshots() {
        return store.database().getCollection(COLLECTION);
    }
}
