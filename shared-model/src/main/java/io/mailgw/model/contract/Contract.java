package io.mailgw.model.contract;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer contract; {@code outboundMailboxId} optionally names its own outbox
 * ("Bandeja de Salida de Correo Electrónico").
 */
@Document(Contract.COLLECTION)
public record Contract(
        @Id String id,
        String name,
        String outboundMailboxId,
        Instant createdAt,
        Instant updatedAt,
        @Version Long version) {

    public static final String COLLECTION = "contracts";
}
