package io.texium.scheduler.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** A {@link MongoStore} on an in-memory MongoDB-compatible server of the test's own; close it after the test. */
public final class MemoryStore extends MongoStore implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
    private final MongoDatabase database = client.getDatabase("texium");

    @Override
    public MongoDatabase database() {
        return database;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
