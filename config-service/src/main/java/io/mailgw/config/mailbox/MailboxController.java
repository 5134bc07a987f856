package io.mailgw.config.mailbox;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import io.mailgw.config.web.InvalidRequestException;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.status.MailboxStatusRecorder;
import tools.jackson.databind.JsonNode;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/mailboxes} of CONTRACT §4 (the connection test comes with a later issue). */
@RestController
@RequestMapping(MailboxController.PATH)
class MailboxController {

    static final String PATH = "/api/v1/mailboxes";

    private final MailboxEditor editor;
    private final MongoOperations mongo;
    private final MailboxStatusRecorder statuses;

    MailboxController(MailboxEditor editor, MongoOperations mongo, MailboxStatusRecorder statuses) {
        this.editor = editor;
        this.mongo = mongo;
        this.statuses = statuses;
    }

    /** All mailboxes by id, of one type and/or one contract when asked. */
    @GetMapping
    List<MailboxView> list(@RequestParam(required = false) String type,
            @RequestParam(required = false) String contractId) {
        Query query = new Query().with(Sort.by("id"));
        if (type != null) {
            query.addCriteria(Criteria.where("type").is(typeOf(type)));
        }
        if (contractId != null) {
            query.addCriteria(Criteria.where("contractId").is(contractId));
        }
        return mongo.find(query, Mailbox.class).stream().map(MailboxView::of).toList();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MailboxView> create(@RequestBody JsonNode body, Principal user) {
        Mailbox saved = editor.create(body, user.getName());
        return ResponseEntity.created(URI.create(PATH + "/" + saved.id())).body(MailboxView.of(saved));
    }

    @GetMapping("/{id}")
    MailboxView read(@PathVariable String id) {
        return MailboxView.of(editor.find(id));
    }

    /** Replaces the mailbox; a body without {@code password} keeps the stored one. */
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    MailboxView replace(@PathVariable String id, @RequestBody JsonNode body, Principal user) {
        return MailboxView.of(editor.replace(id, body, user.getName()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Principal user) {
        editor.delete(id, user.getName());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/status")
    MailboxStatusView status(@PathVariable String id) {
        Mailbox mailbox = editor.find(id);
        return MailboxStatusView.of(mailbox, statuses.read(id));
    }

    private static MailboxType typeOf(String type) {
        try {
            return MailboxType.valueOf(type);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidRequestException("type", "must be INBOUND or OUTBOUND");
        }
    }
}
