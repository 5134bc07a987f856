package io.mailgw.config.delivery;

import java.util.List;
import java.util.Optional;

import io.mailgw.model.delivery.DeliveryRecord;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Reads the sender's delivery ledger for the API and the admin page: newest first (by creation,
 * then by request id so that pages do not overlap), one page at a time. It never writes.
 */
@Component
public class DeliveryLog {

    /** Largest page a client may ask for. */
    public static final int MAX_SIZE = 500;
    public static final int DEFAULT_SIZE = 50;

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id"));

    private final MongoOperations mongo;

    DeliveryLog(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * @param page from 0
     * @param size 1 to {@link #MAX_SIZE}
     */
    public Page page(DeliveryFilter filter, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page must be 0 or more and size 1 to " + MAX_SIZE + ", were "
                    + page + " and " + size);
        }
        Query query = filter.toQuery();
        long total = mongo.count(query, DeliveryRecord.class);
        List<DeliveryRecord> records = mongo.find(query.with(NEWEST_FIRST).skip((long) page * size).limit(size),
                DeliveryRecord.class);
        return new Page(records, page, size, total);
    }

    public Optional<DeliveryRecord> find(String requestId) {
        return Optional.ofNullable(mongo.findById(requestId, DeliveryRecord.class));
    }

    /**
     * One page of the log.
     *
     * @param total records that match the filter, on every page
     */
    public record Page(List<DeliveryRecord> records, int page, int size, long total) {

        public Page {
            records = List.copyOf(records);
        }

        public long totalPages() {
            return (total + size - 1) / size;
        }
    }
}
