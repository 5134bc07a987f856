package io.mailgw.config.transfer;

import java.util.List;

import io.mailgw.events.ConfigChanged.Change;
import io.mailgw.events.ConfigChanged.Kind;

/**
 * What an import wrote, in the order written: mailboxes, then contracts, then the settings.
 *
 * @param imported one entry per document: created, or replaced ({@code UPDATED})
 */
record ImportReport(List<Imported> imported) {

    ImportReport {
        imported = List.copyOf(imported);
    }

    record Imported(Kind kind, String id, Change change) {
    }
}
