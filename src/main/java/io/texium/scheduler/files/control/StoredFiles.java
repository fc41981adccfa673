package io.texium.scheduler.files.control;

import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.platform.Page;
import io.texium.scheduler.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Files kept in the store's GridFS bucket {@value #BUCKET}, by kind ({@code backup}, {@code report}) and name: every
 * instance on the same store lists and serves the same files, and a backup of the store is one place to copy. A name
 * is unique within its kind; a file is written under a temporary name and renamed when complete, so a reader never
 * sees half a file.
 */
@ApplicationScoped
public class StoredFiles {

    public static final String BUCKET = "texium_files";
    /** Newest first; files written in the same millisecond by the order of their ids (the order they were begun). */
    private static final Bson NEWEST_FIRST = Sorts.orderBy(Sorts.descending("uploadDate"), Sorts.descending("_id"));

    @Inject
    MongoStore store;

    /** One stored file: its kind, name, size, content type, when it was written, and what its writer noted. */
    public record StoredFile(String kind, String name, long size, String contentType, Instant createdAt,
                             Map<String, Object> metadata) {
    }

    /**
     * Writes a file: {@code writer} fills the stream. An existing file of the same kind and name is replaced once the
     * new one is complete.
     */
    public StoredFile write(String kind, String name, String contentType, Map<String, Object> metadata,
                            Consumer<OutputStream> writer) {
        return write(kind, name, contentType, metadata, out -> {
            writer.accept(out);
            return Map.of();
        });
    }

    /**
     * As {@link #write(String, String, String, Map, Consumer)}, for a file whose description is known only once it is
     * written (a digest, counts): what {@code writer} answers joins the metadata as the file becomes complete.
     */
    public StoredFile write(String kind, String name, String contentType, Map<String, Object> metadata,
                            Function<OutputStream, Map<String, Object>> writer) {
        Document meta = new Document(metadata).append("kind", kind).append("content_type", contentType)
                .append("complete", false);
        String temporary = name + ".part-" + System.nanoTime();
        var bucket = bucket();
        try (var upload = bucket.openUploadStream(temporary, new GridFSUploadOptions().metadata(meta))) {
            Map<String, Object> learned;
            try {
                learned = writer.apply(upload);
            } catch (RuntimeException e) {
                upload.abort(); // no half file stays behind under its temporary name
                throw e;
            }
            upload.close();
            find(kind, name).ifPresent(old -> bucket.delete(old.getObjectId()));
            bucket.rename(upload.getObjectId(), name);
            Document completion = new Document("metadata.complete", true);
            learned.forEach((key, value) -> completion.append("metadata." + key, value));
            store.database().getCollection(BUCKET + ".files").updateOne(Filters.eq("_id", upload.getObjectId()),
                    new Document("$set", completion));
            return describe(find(kind, name).orElseThrow());
        }
    }

    /** The complete files of a kind, newest first. */
    public List<StoredFile> list(String kind) {
        List<StoredFile> files = new ArrayList<>();
        bucket().find(Filters.and(Filters.eq("metadata.kind", kind), Filters.eq("metadata.complete", true)))
                .sort(Sorts.descending("uploadDate")).forEach(f -> files.add(describe(f)));
        return files;
    }

    /**
     * A page of the complete files of a kind whose metadata has the given values ({@code owner_id} → a user id; an
     * empty map for all), newest first, with their total.
     */
    public Page<StoredFile> page(String kind, Map<String, Object> metadata, PageRequest request) {
        Bson filter = filter(kind, metadata);
        List<StoredFile> files = new ArrayList<>();
        bucket().find(filter).sort(NEWEST_FIRST).skip(request.skip()).limit(request.size())
                .forEach(f -> files.add(describe(f)));
        long total = store.database().getCollection(BUCKET + ".files").countDocuments(filter);
        return new Page<>(files, total, request.page(), request.size());
    }

    /** The complete files of a kind whose metadata has the given values, newest first. */
    public List<StoredFile> list(String kind, Map<String, Object> metadata) {
        List<StoredFile> files = new ArrayList<>();
        bucket().find(filter(kind, metadata)).sort(NEWEST_FIRST).forEach(f -> files.add(describe(f)));
        return files;
    }

    private static Bson filter(String kind, Map<String, Object> metadata) {
        List<Bson> parts = new ArrayList<>(List.of(Filters.eq("metadata.kind", kind), Filters.eq("metadata.complete", true)));
        metadata.forEach((key, value) -> parts.add(Filters.eq("metadata." + key, value)));
        return Filters.and(parts);
    }

    public Optional<StoredFile> describe(String kind, String name) {
        return find(kind, name).map(StoredFiles::describe);
    }

    /** Copies the file's bytes to {@code out}; false when there is no such file. */
    public boolean copy(String kind, String name, OutputStream out) {
        Optional<GridFSFile> file = find(kind, name);
        file.ifPresent(f -> bucket().downloadToStream(f.getObjectId(), out));
        return file.isPresent();
    }

    /** Opens the file for reading; the caller closes the stream. */
    public Optional<InputStream> open(String kind, String name) {
        return find(kind, name).map(f -> bucket().openDownloadStream(f.getObjectId()));
    }

    public boolean delete(String kind, String name) {
        Optional<GridFSFile> file = find(kind, name);
        file.ifPresent(f -> bucket().delete(f.getObjectId()));
        return file.isPresent();
    }

    private Optional<GridFSFile> find(String kind, String name) {
        return Optional.ofNullable(bucket().find(Filters.and(Filters.eq("filename", name),
                Filters.eq("metadata.kind", kind), Filters.eq("metadata.complete", true))).first());
    }

    private GridFSBucket bucket() {
        return GridFSBuckets.create(store.database(), BUCKET);
    }

    private static StoredFile describe(GridFSFile file) {
        Document meta = file.getMetadata() == null ? new Document() : file.getMetadata();
        Map<String, Object> extra = new java.util.LinkedHashMap<>(meta);
        extra.keySet().removeAll(List.of("kind", "content_type", "complete"));
        return new StoredFile(meta.getString("kind"), file.getFilename(), file.getLength(),
                meta.getString("content_type"), file.getUploadDate().toInstant(), extra);
    }
}
