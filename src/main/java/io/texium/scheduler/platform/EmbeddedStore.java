package io.texium.scheduler.platform;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * A MongoDB-wire-compatible store (mongo-java-server on an H2 file) for evaluation and single-instance use,
 * listening on a free loopback port.
 */
final class EmbeddedStore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedStore.class.getName());

    private final H2Backend backend;
    private final MongoServer server;
    private final String connectionString;

    private EmbeddedStore(H2Backend backend, MongoServer server, String connectionString) {
        this.backend = backend;
        this.server = server;
        this.connectionString = connectionString;
    }

    static EmbeddedStore start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir.toAbsolutePath(), e);
        }
        Path file = dataDir.resolve("texium-store.mv").toAbsolutePath();
        var backend = new H2Backend(file.toString());
        var server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        var address = server.getLocalAddress();
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        LOG.warning(() -> "texium.mongodb.uri is not set: using the EMBEDDED store at " + file
                + " (listening on " + uri + " WITHOUT authentication: any process on this machine can read and change"
                + " it). It is meant for evaluation on a single-user machine and a single instance only;"
                + " set texium.mongodb.uri to a MongoDB deployment with authentication for production.");
        return new EmbeddedStore(backend, server, uri);
    }

    String connectionString() {
        return connectionString;
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
