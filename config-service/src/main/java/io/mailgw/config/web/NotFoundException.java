package io.mailgw.config.web;

/** No document with the id of the path; answered with 404. */
public class NotFoundException extends RuntimeException {

    /**
     * @param what the kind of document, as an admin calls it: {@code mailbox}, {@code contract}
     */
    public NotFoundException(String what, String id) {
        super("No " + what + " with id '" + id + "'");
    }
}
