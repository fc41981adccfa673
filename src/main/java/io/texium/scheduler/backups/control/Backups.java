package io.texium.scheduler.backups.control;

import static io.texium.scheduler.backups.control.BackupFormat.CONTENT_TYPE;

import io.texium.scheduler.audit.control.Auditable;
import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.files.control.StoredFiles;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.problems.NotFoundException;
import io.texium.scheduler.upgrade.SchemaUpgrade;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;

/**
 * Makes, lists, prunes and serves the backups of the store, kept in {@link StoredFiles} under kind {@value #KIND}:
 * each collection of the {@link BackupScope} is streamed document by document into one gzip file, so the store is
 * never held in memory. A backup is not a snapshot: writes made while it runs may or may not be in it.
 */
@ApplicationScoped
public class Backups {

    private static final Logger LOG = Logger.getLogger(Backups.class.getName());
    public static final String KIND = "backup";

    @Inject
    StoredFiles files;

    @Inject
    MongoStore store;

    @Inject
    SchemaUpgrade schema;

    @Inject
    Instances instances;

    @Inject
    Clock clock;

    @Inject
    Event<Auditable> audit;

    /** One stored backup as listed: its name, size, when it was made and its manifest. */
    public record Backup(String name, long size, Instant createdAt, Manifest manifest) {
    }

    /** Writes a backup of every collection in scope now, and answers its manifest. */
    public Manifest create() {
        Instant now = clock.instant();
        String name = freeName(now);
        int version = schema.storedVersion();
        var db = store.database();
        List<String> collections = new ArrayList<>();
        for (String collection : db.listCollectionNames()) {
            if (BackupScope.includes(collection)) {
                collections.add(collection);
            }
        }
        collections.sort(null);
        BsonDocument header = new BsonDocument("schema_version", new BsonInt32(version))
                .append("created_at", new BsonDateTime(now.toEpochMilli()))
                .append("instance", new BsonString(instances.id()));
        Manifest[] made = new Manifest[1];
        files.write(KIND, name, CONTENT_TYPE, Map.of(), out -> {
            var writer = new BackupFormat.FileWriter(out, header);
            for (String collection : collections) {
                writer.collection(collection);
                for (BsonDocument document : db.getCollection(collection, BsonDocument.class).find().batchSize(1000)) {
                    writer.write(collection, document);
                }
            }
            var written = writer.finish();
            List<Manifest.CollectionCount> counts = collections.stream()
                    .map(c -> new Manifest.CollectionCount(c, written.counts().getOrDefault(c, 0L))).toList();
            made[0] = new Manifest(name, BackupFormat.FORMAT, now, instances.id(), instances.hostname(), version, counts,
                    counts.stream().mapToLong(Manifest.CollectionCount::count).sum(), written.size(), written.sha256());
            return Map.of("manifest", made[0].toDocument());
        });
        Manifest manifest = made[0];
        audit.fire(new BackupEvent(BackupEvent.Kind.CREATED, name, Map.of(
                "documents", new Auditable.Change(null, manifest.documents()),
                "sha256", new Auditable.Change(null, manifest.sha256()))));
        LOG.info(() -> "backup " + name + " written: " + manifest.documents() + " documents in "
                + manifest.collections().size() + " collections, " + manifest.size() + " bytes");
        return manifest;
    }

    /** The backups, newest first. */
    public List<Backup> list() {
        return files.list(KIND).stream().filter(f -> BackupFormat.isName(f.name())).map(Backups::backup).toList();
    }

    /** The backup of that name; a name that is not a backup's finds nothing. */
    public Optional<Backup> find(String name) {
        if (!BackupFormat.isName(name)) {
            return Optional.empty();
        }
        return files.describe(KIND, name).map(Backups::backup);
    }

    /** The backup, or 404. */
    public Backup require(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("backup", shown(name)));
    }

    /** Opens a backup's bytes; the caller closes the stream. */
    InputStream open(String name) {
        return files.open(KIND, name).orElseThrow(() -> new NotFoundException("backup", shown(name)));
    }

    /** Copies a backup to {@code out} (a download), recorded in the audit log first. */
    public void download(String name, OutputStream out) {
        require(name);
        audit.fire(new BackupEvent(BackupEvent.Kind.DOWNLOADED, name, Map.of()));
        if (!files.copy(KIND, name, out)) {
            throw new NotFoundException("backup", shown(name));
        }
    }

    /** Keeps the newest {@code keep} backups and deletes the older ones; answers the names deleted. */
    public List<String> prune(int keep) {
        List<String> deleted = new ArrayList<>();
        List<Backup> all = list();
        for (Backup old : all.subList(Math.min(keep, all.size()), all.size())) {
            if (files.delete(KIND, old.name())) {
                deleted.add(old.name());
            }
        }
        return deleted;
    }

    /** The first name of {@code at}'s second that no backup has yet. */
    private String freeName(Instant at) {
        for (int n = 0; n < 1000; n++) {
            String name = BackupFormat.name(at, n);
            if (files.describe(KIND, name).isEmpty()) {
                return name;
            }
        }
        throw new IllegalStateException("a thousand backups in one second: refusing another");
    }

    private static Backup backup(StoredFiles.StoredFile file) {
        Object manifest = file.metadata().get("manifest");
        return new Backup(file.name(), file.size(), file.createdAt(),
                manifest instanceof Document d ? Manifest.of(d) : null);
    }

    /** A name for a message: cut, so that a huge or hostile name is not echoed whole. */
    static String shown(String name) {
        String s = String.valueOf(name);
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
