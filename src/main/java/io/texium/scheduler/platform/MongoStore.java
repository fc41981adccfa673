package io.texium.scheduler.platform;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.bson.Document;
import org.eclipse.jnosql.communication.semistructured.DatabaseManager;
import org.eclipse.jnosql.databases.mongodb.communication.MongoDBDocumentConfiguration;
import org.eclipse.jnosql.databases.mongodb.communication.MongoDBDocumentManager;
import org.eclipse.jnosql.mapping.Database;
import org.eclipse.jnosql.mapping.DatabaseType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one MongoDB connection of the application: it starts the embedded store when no URI is configured,
 * and hands JNoSQL a single shared document manager (JNoSQL's own producer would open a client per use).
 */
@ApplicationScoped
public class MongoStore {

    private static final Logger LOG = Logger.getLogger(MongoStore.class.getName());

    @Inject
    @ConfigProperty(name = "texium.mongodb.uri")
    Optional<String> uri;

    @Inject
    @ConfigProperty(name = "texium.mongodb.database", defaultValue = "texium")
    String databaseName;

    @Inject
    @ConfigProperty(name = "texium.data.dir", defaultValue = "./data")
    String dataDir;

    private EmbeddedStore embedded;
    private MongoClient client;
    private MongoDatabase database;
    private MongoDBDocumentManager manager;

    @PostConstruct
    void connect() {
        String connection = uri.filter(u -> !u.isBlank()).orElseGet(() -> {
            embedded = EmbeddedStore.start(Path.of(dataDir));
            return embedded.connectionString();
        });
        var settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connection))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .build();
        client = MongoClients.create(settings);
        database = client.getDatabase(databaseName);
        manager = new MongoDBDocumentConfiguration().get(client).apply(databaseName);
        StoreIndexes.create(database);
        LOG.info(() -> "MongoDB database '" + databaseName + "' ready");
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    /** The raw database, for what JNoSQL does not say: indexes, atomic increments, pings. */
    public MongoDatabase database() {
        return database;
    }

    /** Whether the store answers a ping now. */
    public boolean reachable() {
        try {
            database.runCommand(new Document("ping", 1));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Produces
    @Alternative
    @Priority(Interceptor.Priority.APPLICATION)
    @Database(DatabaseType.DOCUMENT)
    DatabaseManager documentManager() {
        return manager;
    }

    @Produces
    @Alternative
    @Priority(Interceptor.Priority.APPLICATION)
    @Typed(MongoDBDocumentManager.class)
    MongoDBDocumentManager mongoDocumentManager() {
        return manager;
    }
}
