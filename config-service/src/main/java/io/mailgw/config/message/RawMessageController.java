package io.mailgw.config.message;

import com.mongodb.client.gridfs.model.GridFSFile;
import io.mailgw.config.web.NotFoundException;

import org.springframework.core.io.Resource;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsOperations;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/mailboxes/{id}/messages/{eventId}/raw} of CONTRACT §4: the message exactly as
 * the mail server gave it, as {@code message/rfc822}, streamed from GridFS, while it is retained
 * ({@code mailgw.inbound.raw-retention} of the poller); 404 once it is gone, or when the event is
 * not of that mailbox. The poller stores it as file {@code <eventId>/raw.eml} with the mailbox in
 * its metadata. ADMIN only: a message's content is more than its configuration.
 */
@RestController
class RawMessageController {

    static final MediaType RFC822 = MediaType.parseMediaType("message/rfc822");

    private final GridFsOperations gridFs;

    RawMessageController(GridFsOperations gridFs) {
        this.gridFs = gridFs;
    }

    @GetMapping(path = "/api/v1/mailboxes/{id}/messages/{eventId}/raw", produces = "message/rfc822")
    ResponseEntity<Resource> raw(@PathVariable String id, @PathVariable String eventId) {
        GridFSFile file = gridFs.findOne(Query.query(Criteria.where("filename").is(eventId + "/raw.eml")
                .and("metadata.mailboxId").is(id)));
        if (file == null) {
            throw new NotFoundException("raw message of mailbox " + id + " for event", eventId);
        }
        return ResponseEntity.ok()
                .contentType(RFC822)
                .contentLength(file.getLength())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(eventId.replaceAll("[^A-Za-z0-9._-]", "_") + ".eml").build().toString())
                .body(gridFs.getResource(file));
    }
}
