package io.mailgw.bench.outbound;

import io.mailgw.events.EventJson;
import io.mailgw.events.OutboxChoice;
import io.mailgw.events.SendMailRequestValidator;
import io.mailgw.events.SendMailRequested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendRequestsTests {

    @Test
    void requestsAreValidContractEventsForTheContractsOwnOutbox() {
        SendRequests.OutgoingRequest outgoing = new SendRequests("bench", 10_240).request("bulk", 42);

        SendMailRequested request = EventJson.read(outgoing.json(), SendMailRequested.class);
        assertThat(outgoing.requestId()).isEqualTo("bulk-42");
        assertThat(outgoing.key()).isEqualTo("bench");
        assertThat(request.requestId()).isEqualTo("bulk-42");
        assertThat(request.outbox()).isEqualTo(OutboxChoice.SPECIFIC);
        assertThat(request.to()).hasSize(1);
        assertThat(request.text()).hasSize(10_240);
        assertThat(new SendMailRequestValidator(SendMailRequestValidator.Limits.DEFAULTS).validate(request))
                .isEmpty();
    }
}
