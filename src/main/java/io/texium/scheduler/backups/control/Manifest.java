package io.texium.scheduler.backups.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * What a backup holds, kept as its file's metadata and answered by the API and the backup job: the documents per
 * collection, the SHA-256 of the gzip file (checked before a restore), the schema version of the data, when and on
 * which instance it was made.
 */
public record Manifest(String name, int format, Instant createdAt, String instance, String hostname, int schemaVersion,
                       List<CollectionCount> collections, long documents, long size, String sha256) {

    /** One collection and how many documents the backup holds of it. */
    public record CollectionCount(String name, long count) {
    }

    Document toDocument() {
        List<Document> counts = new ArrayList<>();
        collections.forEach(c -> counts.add(new Document("name", c.name()).append("count", c.count())));
        return new Document("name", name).append("format", format).append("created_at", Date.from(createdAt))
                .append("instance", instance).append("hostname", hostname).append("schema_version", schemaVersion)
                .append("collections", counts).append("documents", documents).append("size", size)
                .append("sha256", sha256);
    }

    static Manifest of(Document d) {
        List<CollectionCount> counts = new ArrayList<>();
        for (Document c : d.getList("collections", Document.class, List.of())) {
            counts.add(new CollectionCount(c.getString("name"), ((Number) c.get("count")).longValue()));
        }
        return new Manifest(d.getString("name"), ((Number) d.get("format")).intValue(),
                d.getDate("created_at").toInstant(), d.getString("instance"), d.getString("hostname"),
                ((Number) d.get("schema_version")).intValue(), List.copyOf(counts),
                ((Number) d.get("documents")).longValue(), ((Number) d.get("size")).longValue(), d.getString("sha256"));
    }

    /** As plain JSON values (a job's output): snake_case names, the time as ISO-8601. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("format", format);
        map.put("created_at", createdAt.toString());
        map.put("instance", instance);
        map.put("hostname", hostname);
        map.put("schema_version", schemaVersion);
        Map<String, Long> counts = new LinkedHashMap<>();
        collections.forEach(c -> counts.put(c.name(), c.count()));
        map.put("collections", counts);
        map.put("documents", documents);
        map.put("size", size);
        map.put("sha256", sha256);
        return map;
    }
}
