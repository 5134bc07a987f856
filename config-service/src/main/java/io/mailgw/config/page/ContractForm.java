package io.mailgw.config.page;

import io.mailgw.model.contract.Contract;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract form ("Contrato") as the browser posts it; it becomes the API's contract JSON.
 *
 * @param outboundMailboxId "Bandeja de Salida de Correo Electrónico": empty for none
 */
record ContractForm(String id, String name, String outboundMailboxId) {

    static ContractForm blank() {
        return new ContractForm(null, null, null);
    }

    static ContractForm of(Contract contract) {
        return new ContractForm(contract.id(), contract.name(), contract.outboundMailboxId());
    }

    ContractForm withId(String newId) {
        return new ContractForm(newId, name, outboundMailboxId);
    }

    /** {@code {"id", "name", "outboundMailboxId"}}, empty fields left out (no outbox linked). */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        put(json, "id", id);
        put(json, "name", name);
        put(json, "outboundMailboxId", outboundMailboxId);
        return json;
    }

    private static void put(ObjectNode json, String field, String value) {
        if (value != null && !value.isBlank()) {
            json.put(field, value.strip());
        }
    }
}
