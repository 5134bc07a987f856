package io.mailgw.model.contract;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface ContractRepository extends MongoRepository<Contract, String> {

    List<Contract> findByOutboundMailboxId(String outboundMailboxId);
}
