package io.texium.scheduler.upgrade;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.texium.scheduler.platform.MongoStore;
import org.bson.Document;

/** An in-memory mongo-java-server shared by the instances of a test, as the {@link MongoStore} they see. */
final class SchemaStore implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
    final MongoDatabase db = client.getDatabase("test");
    final MongoStore store = new MongoStore() {
        @Override
        public MongoDatabase database() {
            return db;
        }
    };

    MongoCollection<Document> schema() {
        return db.getCollection(SchemaVersion.COLLECTION);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
