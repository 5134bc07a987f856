package io.mailgw.config.page;

import java.util.List;

import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.mailbox.MailboxType;

import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/**
 * The options of the page's selects: the contracts a mailbox may belong to, and the outboxes a
 * contract or the settings may link, which are the OUTBOUND mailboxes only.
 */
@Component
class PageChoices {

    private final MailboxRepository mailboxes;
    private final ContractRepository contracts;

    PageChoices(MailboxRepository mailboxes, ContractRepository contracts) {
        this.mailboxes = mailboxes;
        this.contracts = contracts;
    }

    List<Choice> outboxes() {
        return mailboxes.findByType(MailboxType.OUTBOUND).stream()
                .map(mailbox -> new Choice(mailbox.id(), mailbox.name())).sorted((a, b) -> a.id().compareTo(b.id()))
                .toList();
    }

    List<Choice> contracts() {
        return contracts.findAll(Sort.by("id")).stream().map(contract -> new Choice(contract.id(), contract.name()))
                .toList();
    }

    /** One option: the id it stands for and the name an admin recognises. */
    record Choice(String id, String name) {
    }
}
