package io.mailgw.outbound.request;

import io.mailgw.events.kafka.GatewayTopicsProperties;
import io.mailgw.outbound.OutboundProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the requests topic and, through {@link RetryTopicSetup}, its retry topics. Values are
 * read as plain text so that a record that is not JSON is answered in code, not by the container.
 */
@Component
class SendRequestListener {

    static final String LISTENER_ID = "outbound-requests";

    private final SendRequestHandler handler;
    private final String requestsTopic;
    private final String consumerGroup;

    SendRequestListener(SendRequestHandler handler, GatewayTopicsProperties topics, OutboundProperties properties) {
        this.handler = handler;
        this.requestsTopic = topics.outboundRequests();
        this.consumerGroup = properties.consumerGroup();
    }

    @KafkaListener(id = LISTENER_ID, topics = "#{__listener.requestsTopic}", groupId = "#{__listener.consumerGroup}")
    public void onRequest(ConsumerRecord<String, String> record) {
        handler.handle(record);
    }

    public String getRequestsTopic() {
        return requestsTopic;
    }

    public String getConsumerGroup() {
        return consumerGroup;
    }
}
