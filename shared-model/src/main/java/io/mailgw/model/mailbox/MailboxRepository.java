package io.mailgw.model.mailbox;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface MailboxRepository extends MongoRepository<Mailbox, String> {

    List<Mailbox> findByTypeAndEnabledTrue(MailboxType type);

    List<Mailbox> findByType(MailboxType type);

    List<Mailbox> findByContractId(String contractId);

    List<Mailbox> findByTypeAndContractId(MailboxType type, String contractId);
}
