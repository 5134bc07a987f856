package io.mailgw.localstack.mongo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoBackend;
import io.mailgw.localstack.StackPart;

/**
 * The mongo-java-server wire server, with its H2 (MVStore) backend in one file, so that mailboxes,
 * contracts and settings survive a restart, or {@linkplain #inMemory in memory}. The services reach
 * it with an ordinary {@code mongodb://} connection string, as they would a real MongoDB.
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

    /**
     * A server that keeps its data in memory and loses it when stopped: for a benchmark, whose
     * figures should not carry the H2 backend's costs (its unique indexes compare keys by
     * serializing them, several times per insert and lookup), which a real MongoDB does not have.
     */
    public static MongoWireServer inMemory(String host, int port) {
        return new MongoWireServer(host, port, null);
    }

    @Override
    public String description() {
        return "MongoDB wire server on " + host + ":" + port
                + (file == null ? " (data in memory)" : " (data in " + file + ")");
    }

    /** The connection string of one database on this server. */
    public String uri(String database) {
        return "mongodb://" + host + ":" + port + "/" + database;
    }

    @Override
    public void start() throws Exception {
        MongoServer candidate = new MongoServer(backend());
        try {
            candidate.bind(host, port);
        }
        catch (RuntimeException ex) {
            candidate.shutdownNow();
            throw ex;
        }
        server = candidate;
    }

    private MongoBackend backend() throws IOException {
        if (file == null) {
            return new IdFirstMemoryBackend();
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        return new IdFirstH2Backend(file.toAbsolutePath().toString());
    }

    /** Closes client connections and the H2 file, committing what was written (in memory: drops it). */
    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }
}
