package io.mailgw.localstack.mongo;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * One planner rule that a real MongoDB has and mongo-java-server lacks: a query with an equality
 * on {@code _id} reads the one document the {@code _id} index names, and only then applies the
 * rest of its conditions. mongo-java-server uses an index only when the query names exactly the
 * index's fields, so a conditional write such as {@code {_id: r, state: {$nin: [...]}, $or: [...]}}
 * scanned the whole collection under its lock, one full scan per delivery state change. Each
 * backend's collection asks {@link #positions} first and falls back to its own plan when it is empty.
 */
final class IdFirst {

    private static final String ID = "_id";

    private IdFirst() {
    }

    /** The positions the {@code _id} index gives for the query's {@code _id}, when the query has more conditions. */
    static <P> Optional<Iterable<P>> positions(Document query, Collection<Index<P>> indexes) {
        Object id = query.get(ID);
        if (query.size() < 2 || !isPlainValue(id)) {
            return Optional.empty();
        }
        Document byId = new Document(ID, id);
        return indexes.stream().filter(index -> index.canHandle(byId)).findFirst()
                .map(index -> index.getPositions(byId));
    }

    /** An equality value, not an operator document, an array or a pattern. */
    private static boolean isPlainValue(Object value) {
        return value != null && !(value instanceof Document) && !(value instanceof Collection)
                && !(value instanceof Pattern) && !BsonRegularExpression.isRegularExpression(value);
    }
}
