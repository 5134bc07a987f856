package io.mailgw.localstack.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The H2 backend, which keeps its data in one file, answering queries that pin {@code _id} from the
 * {@code _id} index ({@link IdFirst}).
 */
final class IdFirstH2Backend extends H2Backend {

    IdFirstH2Backend(String file) {
        super(file);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /**
     * An inner class on purpose: the enclosing backend, and so its MVStore, is set before
     * {@link H2Database}'s constructor opens the existing collections through
     * {@link #openOrCreateCollection}.
     */
    private final class Database extends H2Database {

        Database(String databaseName) {
            super(databaseName, getMvStore(), IdFirstH2Backend.this.getCursorRegistry());
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            return new IdFirstCollection(this, collectionName, options, namespace);
        }
    }

    private final class IdFirstCollection extends H2Collection {

        IdFirstCollection(MongoDatabase database, String collectionName, CollectionOptions options, String namespace) {
            super(database, collectionName, options, getMvStore().openMap("databases." + namespace),
                    getMvStore().openMap("meta." + namespace), IdFirstH2Backend.this.getCursorRegistry());
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
