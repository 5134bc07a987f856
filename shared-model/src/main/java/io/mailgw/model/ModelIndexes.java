package io.mailgw.model;

import io.mailgw.model.contract.Contract;
import io.mailgw.model.delivery.DeliveryRecord;
import io.mailgw.model.mailbox.Mailbox;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;

/** Creates the indexes the services query by, at start; creating an existing index is a no-op. */
class ModelIndexes implements InitializingBean {

    private final MongoOperations mongo;

    ModelIndexes(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(Mailbox.class).createIndex(new Index().on("type", Sort.Direction.ASC).on("enabled", Sort.Direction.ASC)
                .named("type_enabled"));
        mongo.indexOps(Mailbox.class).createIndex(new Index().on("contractId", Sort.Direction.ASC).named("contractId"));
        mongo.indexOps(Contract.class).createIndex(new Index().on("outboundMailboxId", Sort.Direction.ASC)
                .named("outboundMailboxId"));
        // the delivery log: newest first, by contract, outbox or state; retention sweeps by updatedAt
        mongo.indexOps(DeliveryRecord.class).createIndex(new Index().on("createdAt", Sort.Direction.DESC)
                .named("createdAt"));
        mongo.indexOps(DeliveryRecord.class).createIndex(new Index().on("contractId", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC).named("contractId_createdAt"));
        mongo.indexOps(DeliveryRecord.class).createIndex(new Index().on("outboxMailboxId", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC).named("outboxMailboxId_createdAt"));
        mongo.indexOps(DeliveryRecord.class).createIndex(new Index().on("state", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC).named("state_createdAt"));
        mongo.indexOps(DeliveryRecord.class).createIndex(new Index().on("updatedAt", Sort.Direction.ASC)
                .named("updatedAt"));
    }
}
