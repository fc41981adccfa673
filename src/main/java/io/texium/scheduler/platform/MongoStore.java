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
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
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
 * Connecting never fails the deployment: a watch pings the store every second, keeps {@link #up()} current for
 * the readiness probe, and announces {@link StoreAvailable} when the store first answers and after each outage.
 */
@ApplicationScoped
public class MongoStore {

    private static final Logger LOG = Logger.getLogger(MongoStore.class.getName());
    private static final Duration WATCH_PERIOD = Duration.ofSeconds(1);

    @Inject
    @ConfigProperty(name = "texium.mongodb.uri")
    Optional<String> uri;

    @Inject
    @ConfigProperty(name = "texium.mongodb.database", defaultValue = "texium")
    String databaseName;

    @Inject
    @ConfigProperty(name = "texium.data.dir", defaultValue = "./data")
    String dataDir;

    @Inject
    Event<StoreAvailable> available;

    @Inject
    Background background;

    private EmbeddedStore embedded;
    private MongoClient client;
    private MongoClient probe;
    private MongoDatabase database;
    private MongoDBDocumentManager manager;
    private volatile boolean up;
    private volatile boolean announced;
    private String notReady;

    @PostConstruct
    void connect() {
        String connection = uri.filter(u -> !u.isBlank()).orElseGet(() -> {
            embedded = EmbeddedStore.start(Path.of(dataDir));
            return embedded.connectionString();
        });
        client = MongoClients.create(settings(connection, 5, 30));
        // pings go through a client of their own with short time-outs, so that a dead store is noticed at once
        probe = MongoClients.create(settings(connection, 1, 2));
        database = client.getDatabase(databaseName);
        manager = new MongoDBDocumentConfiguration().get(client).apply(databaseName);
    }

    private static MongoClientSettings settings(String connection, int selectSeconds, int readSeconds) {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connection))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(selectSeconds, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(selectSeconds, TimeUnit.SECONDS)
                        .readTimeout(readSeconds, TimeUnit.SECONDS))
                .build();
    }

    /** At deployment: a store that answers is prepared before the application takes requests; else the watch waits for it. */
    void onStart(@Observes Startup startup) {
        watch();
        if (!up && notReady == null) {
            LOG.warning(() -> "the store does not answer yet; the scheduler starts anyway and connects when it does"
                    + " (readiness answers 503 meanwhile)");
        }
        background.every(WATCH_PERIOD, "store watch", this::watch);
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
            probe.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    /** One ping; on the way up, tells the observers, which prepare the store in their order (see {@link StoreAvailable}). */
    synchronized void watch() {
        boolean answers = ping();
        if (answers && !up) {
            try {
                boolean first = !announced;
                available.fire(new StoreAvailable(first));
                announced = true;
                up = true;
                notReady = null;
                LOG.info(() -> "MongoDB database '" + databaseName + "' ready" + (first ? "" : " again"));
            } catch (StoreNotReady e) {
                if (!e.getMessage().equals(notReady)) {
                    notReady = e.getMessage();
                    LOG.info(() -> "the store answers but is not ready yet: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the store answered but could not be prepared; trying again", e);
            }
        } else if (!answers && up) {
            up = false;
            LOG.warning("the store does not answer: readiness is DOWN until it does");
        }
    }

    /** The raw database, for what JNoSQL does not say: indexes, atomic increments, batched writes. */
    public MongoDatabase database() {
        return database;
    }

    /** Whether the store answered the last ping (at most a second ago) and was prepared: never blocks. */
    public boolean up() {
        return up;
    }

    /** Notes that a store operation failed for want of the store: readiness goes down until the next ping answers. */
    public void failed() {
        up = false;
    }

    private boolean ping() {
        try {
            probe.getDatabase(databaseName).runCommand(new Document("ping", 1));
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
