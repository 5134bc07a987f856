package io.mailgw.localstack.mongo;

import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.mailgw.localstack.StackPart;

/**
 * The mongo-java-server wire server with its H2 (MVStore) backend in one file, so that
 * mailboxes, contracts and settings survive a restart. The services reach it with an ordinary
 * {@code mongodb://} connection string, as they would a real MongoDB.
 */
public final class MongoWireServer implements StackPart {

    private final String host;
    private final int port;
    private final Path file;
    private MongoServer server;

    /**
     * @param file the H2 file that holds every database, created with its directory when missing
     */
    public MongoWireServer(String host, int port, Path file) {
        this.host = host;
        this.port = port;
        this.file = file;
    }

    @Override
    public String description() {
        return "MongoDB wire server on " + host + ":" + port + " (data in " + file + ")";
    }

    /** The connection string of one database on this server. */
    public String uri(String database) {
        return "mongodb://" + host + ":" + port + "/" + database;
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        H2Backend backend = new IdFirstH2Backend(file.toAbsolutePath().toString());
        MongoServer candidate = new MongoServer(backend);
        try {
            candidate.bind(host, port);
        }
        catch (RuntimeException ex) {
            candidate.shutdownNow();
            throw ex;
        }
        server = candidate;
    }

    /** Closes client connections and the H2 file, committing what was written. */
    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }
}
