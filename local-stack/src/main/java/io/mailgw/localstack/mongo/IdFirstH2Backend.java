package io.mailgw.localstack.mongo;

import java.util.Collection;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The H2 backend with one planner rule that a real MongoDB has and mongo-java-server lacks: a
 * query with an equality on {@code _id} reads the one document the {@code _id} index names, and
 * only then applies the rest of its conditions. mongo-java-server uses an index only when the
 * query names exactly the index's fields, so a conditional write such as
 * {@code {_id: r, state: {$nin: [...]}, $or: [...]}} scanned the whole collection under its lock,
 * one full scan per delivery state change.
 */
final class IdFirstH2Backend extends H2Backend {

    private static final String ID = "_id";

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
            Object id = query.get(ID);
            if (query.size() > 1 && isPlainValue(id)) {
                Document byId = new Document(ID, id);
                for (Index<Object> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        return matchDocuments(query, index.getPositions(byId), orderBy, numberToSkip, limit,
                                batchSize, fieldSelector);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        /** An equality value, not an operator document, an array or a pattern. */
        private static boolean isPlainValue(Object value) {
            return value != null && !(value instanceof Document) && !(value instanceof Collection)
                    && !(value instanceof Pattern) && !BsonRegularExpression.isRegularExpression(value);
        }
    }
}
