package io.mailgw.localstack.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The in-memory backend, which keeps nothing across a restart, answering queries that pin
 * {@code _id} from the {@code _id} index ({@link IdFirst}). Its unique indexes are hash maps, where
 * the H2 backend's compare keys by serializing them.
 */
final class IdFirstMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    private final class Database extends MemoryDatabase {

        Database(String databaseName) {
            super(databaseName, IdFirstMemoryBackend.this.getCursorRegistry());
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new IdFirstCollection(this, collectionName, options);
        }
    }

    private final class IdFirstCollection extends MemoryCollection {

        IdFirstCollection(MongoDatabase database, String collectionName, CollectionOptions options) {
            super(database, collectionName, options, IdFirstMemoryBackend.this.getCursorRegistry());
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            return IdFirst.positions(query, getIndexes())
                    .map(byId -> matchDocuments(query, byId, orderBy, numberToSkip, limit, batchSize, fieldSelector))
                    .orElseGet(() -> super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector));
        }
    }
}
