package io.texium.scheduler.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bson.UuidRepresentation;

/**
 * A MongoDB-wire store (mongo-java-server, memory or H2 backend) inside the bench JVM on a free loopback port,
 * with a driver client for seeding and reading. The scheduler and each peer get a store of their own.
 */
final class BenchStore implements AutoCloseable {

    private final MongoBackend backend;
    private final MongoServer server;
    private final MongoClient client;
    private final String uri;

    private BenchStore(MongoBackend backend, MongoServer server, String uri) {
        this.backend = backend;
        this.server = server;
        this.uri = uri;
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .applyToSocketSettings(s -> s.readTimeout(10, TimeUnit.MINUTES))
                .build());
    }

    /** {@code backend} is {@code memory} or {@code h2} (a fresh file named after the store in {@code dir}). */
    static BenchStore start(String backend, Path dir, String name) {
        MongoBackend chosen = switch (backend) {
            case "memory" -> new MemoryBackend();
            case "h2" -> new H2Backend(freshFile(dir.resolve(name + ".mv")).toString());
            default -> throw new IllegalArgumentException("bench.backend must be memory or h2, not " + backend);
        };
        var server = new MongoServer(chosen);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        return new BenchStore(chosen, server, "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    String uri() {
        return uri;
    }

    MongoClient client() {
        return client;
    }

    MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
        backend.close();
    }

    private static Path freshFile(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
