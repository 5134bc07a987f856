package io.mailgw.model;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * MongoDB health by {@code ping}, which every MongoDB and the embedded wire server answer;
 * Boot's own indicator asks {@code hello}, which the embedded server does not.
 */
class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private final MongoOperations mongo;

    MongoPingHealthIndicator(MongoOperations mongo) {
        super("MongoDB ping failed");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document reply = mongo.executeCommand(new Document("ping", 1));
        builder.up().withDetail("database", mongo.getCollectionNames().isEmpty() ? "empty" : "ready")
                .withDetail("ok", reply.get("ok"));
    }
}
