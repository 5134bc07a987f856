package io.mailgw.config.contract;

import java.time.Instant;

import io.mailgw.model.contract.Contract;

/** A contract as the API shows it. */
public record ContractView(String id, String name, String outboundMailboxId, Instant createdAt, Instant updatedAt) {

    public static ContractView of(Contract contract) {
        return new ContractView(contract.id(), contract.name(), contract.outboundMailboxId(), contract.createdAt(),
                contract.updatedAt());
    }
}
