package io.texium.scheduler.backups.control;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.texium.scheduler.audit.control.Auditable;
import io.texium.scheduler.cluster.control.ChangeFeed;
import io.texium.scheduler.cluster.control.Changed;
import io.texium.scheduler.executions.control.ExecutionBuckets;
import io.texium.scheduler.executions.control.ExecutionCounts;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.problems.ConflictException;
import io.texium.scheduler.upgrade.SchemaUpgrade;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.BsonDocument;

/**
 * Restores a backup into the store, after checking that its SHA-256 is the one its manifest recorded and that it was
 * made at the store's schema version. {@link Mode#REPLACE} empties every collection in the {@link BackupScope} (also
 * those the backup does not hold, such as the execution buckets of later hours) and writes the backup's documents:
 * afterwards those collections hold exactly the backup. {@link Mode#MERGE} writes each of the backup's documents over
 * the document with its {@code _id} and leaves every other document alone. Then the execution counts are rebuilt,
 * the execution buckets indexed, and every instance told (through the change feed, and this one at once) to re-read
 * what it keeps in memory: timers, job index, inactive users, parsed schedules.
 */
@ApplicationScoped
public class Restores {

    private static final Logger LOG = Logger.getLogger(Restores.class.getName());
    static final int BATCH = 500;

    /** How a restore treats what the store holds. */
    public enum Mode {
        MERGE, REPLACE;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a restore wrote: documents per collection, how many it deleted first, and what it could not write. */
    public record Restored(String name, String mode, Map<String, Long> collections, long documents, long deleted,
                           long conflicts) {
    }

    @Inject
    Backups backups;

    @Inject
    MongoStore store;

    @Inject
    SchemaUpgrade schema;

    @Inject
    ExecutionBuckets buckets;

    @Inject
    ExecutionCounts counts;

    @Inject
    ChangeFeed changes;

    @Inject
    Event<Changed> changed;

    @Inject
    Event<Auditable> audit;

    /** Restores the backup; one restore at a time on this instance. Nothing is written unless every check passed. */
    public synchronized Restored restore(String name, Mode mode) {
        Manifest manifest = backups.require(name).manifest();
        if (manifest == null) {
            throw new ConflictException("backup " + name + " has no manifest, so it cannot be checked");
        }
        int version = schema.storedVersion();
        if (manifest.schemaVersion() != version) {
            throw new ConflictException("backup " + name + " holds data of schema version " + manifest.schemaVersion()
                    + " and the store is at version " + version + "; restore it with the version that made it");
        }
        String sha256;
        try (var in = backups.open(name)) {
            sha256 = BackupFormat.sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!sha256.equals(manifest.sha256())) {
            throw new ConflictException("backup " + name + " is damaged: its SHA-256 is " + sha256 + ", its manifest says "
                    + manifest.sha256() + "; nothing was restored");
        }
        MongoDatabase db = store.database();
        long deleted = 0;
        if (mode == Mode.REPLACE) {
            Set<String> emptied = new LinkedHashSet<>();
            manifest.collections().forEach(c -> emptied.add(c.name()));
            for (String collection : db.listCollectionNames()) {
                if (BackupScope.includes(collection)) {
                    emptied.add(collection);
                }
            }
            for (String collection : emptied) {
                deleted += db.getCollection(collection).deleteMany(Filters.empty()).getDeletedCount();
            }
        }
        var writer = new Writer(db);
        try (var in = backups.open(name)) {
            BackupFormat.read(in, writer::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writer.flush();
        buckets.prepareAll();
        rebuildCounts();
        changes.publish(Changed.RESTORED, name);
        changed.fire(new Changed(Changed.RESTORED, name));
        var restored = new Restored(name, mode.value(), writer.written, writer.documents, deleted, writer.conflicts);
        audit.fire(new BackupEvent(BackupEvent.Kind.RESTORED, name, Map.of(
                "mode", new Auditable.Change(null, mode.value()),
                "documents", new Auditable.Change(null, restored.documents()),
                "deleted", new Auditable.Change(null, deleted))));
        LOG.info(() -> "backup " + name + " restored (" + mode.value() + "): " + restored.documents()
                + " documents written, " + restored.deleted() + " deleted first, " + restored.conflicts() + " conflicts");
        return restored;
    }

    /**
     * Recounts the executions. A run that ends while the counts are replaced can collide with the new count documents:
     * the recount is then tried again, and if it keeps failing a warning says that the counts are off.
     */
    private void rebuildCounts() {
        for (int attempt = 1; ; attempt++) {
            try {
                counts.rebuild();
                return;
            } catch (MongoException e) {
                if (attempt == 3) {
                    LOG.log(Level.WARNING, "the execution counts could not be rebuilt after the restore; lists and stats"
                            + " may count wrongly until they are rebuilt", e);
                    return;
                }
            }
        }
    }

    /** Writes the backup's documents in batches, each over the document with its {@code _id}. */
    private static final class Writer {
        private final MongoDatabase db;
        private final Map<String, Long> written = new LinkedHashMap<>();
        private final List<WriteModel<BsonDocument>> batch = new ArrayList<>();
        private String collection;
        private long documents;
        private long conflicts;

        Writer(MongoDatabase db) {
            this.db = db;
        }

        void add(String into, BsonDocument document) {
            if (!BackupScope.includes(into)) {
                throw new IllegalArgumentException("the backup names collection '" + into + "', which no backup holds");
            }
            if (!into.equals(collection)) {
                flush();
                collection = into;
            }
            written.putIfAbsent(into, 0L);
            batch.add(new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document,
                    new ReplaceOptions().upsert(true)));
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            long refused = 0;
            try {
                db.getCollection(collection, BsonDocument.class).bulkWrite(batch, new BulkWriteOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                // a document whose unique field (a username, an e-mail) another local document holds now: merge only
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    refused++;
                }
                LOG.warning("restore of " + collection + ": " + e.getWriteErrors().size()
                        + " documents clash with local documents on a unique field and were not written");
            }
            conflicts += refused;
            documents += batch.size() - refused;
            written.merge(collection, (long) batch.size() - refused, Long::sum);
            batch.clear();
        }
    }
}
