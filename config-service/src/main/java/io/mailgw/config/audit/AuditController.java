package io.mailgw.config.audit;

import java.util.List;

import io.mailgw.config.web.Violations;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit?page=0&size=50}: the audit log page by page, newest change first. */
@RestController
@RequestMapping(AuditController.PATH)
class AuditController {

    static final String PATH = "/api/v1/audit";

    /** Largest page a client may ask for. */
    static final int MAX_SIZE = 500;

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("at"), Sort.Order.desc("_id"));

    private final MongoOperations mongo;

    AuditController(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @GetMapping
    AuditPage page(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Violations violations = new Violations();
        if (page < 0) {
            violations.add("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            violations.add("size", "must be 1 to " + MAX_SIZE);
        }
        violations.throwIfAny();
        long total = mongo.count(new Query(), AuditEvent.class);
        List<AuditEvent> events = mongo.find(new Query().with(NEWEST_FIRST).skip((long) page * size).limit(size),
                AuditEvent.class);
        return new AuditPage(events, page, size, total, (total + size - 1) / size);
    }

    /**
     * One page of the audit log.
     *
     * @param content       the changes on this page, newest first
     * @param totalElements changes in the whole log
     */
    record AuditPage(List<AuditEvent> content, int page, int size, long totalElements, long totalPages) {
    }
}
