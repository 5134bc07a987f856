package io.mailgw.outbound.request;

import java.util.function.Supplier;

import org.springframework.kafka.config.KafkaListenerEndpoint;
import org.springframework.kafka.retrytopic.DestinationTopic;
import org.springframework.kafka.retrytopic.RetryTopicNamesProviderFactory;
import org.springframework.kafka.retrytopic.SuffixingRetryTopicNamesProviderFactory.SuffixingRetryTopicNamesProvider;

/**
 * Names the retry topics by suffix, as Spring Kafka does, but the dead-letter topic by the
 * contract's property ({@code mail.outbound.requests.dlt} by default) rather than by suffix, so
 * that ops may rename either topic on its own.
 */
class ContractTopicNames implements RetryTopicNamesProviderFactory {

    private final Supplier<String> deadLetterTopic;

    ContractTopicNames(Supplier<String> deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
    }

    @Override
    public RetryTopicNamesProvider createRetryTopicNamesProvider(DestinationTopic.Properties properties) {
        SuffixingRetryTopicNamesProvider suffixing = new SuffixingRetryTopicNamesProvider(properties);
        if (!properties.isDltTopic()) {
            return suffixing;
        }
        return new RetryTopicNamesProvider() {
            @Override
            public String getEndpointId(KafkaListenerEndpoint endpoint) {
                return suffixing.getEndpointId(endpoint);
            }

            @Override
            public String getGroupId(KafkaListenerEndpoint endpoint) {
                return suffixing.getGroupId(endpoint);
            }

            @Override
            public String getClientIdPrefix(KafkaListenerEndpoint endpoint) {
                return suffixing.getClientIdPrefix(endpoint);
            }

            @Override
            public String getGroup(KafkaListenerEndpoint endpoint) {
                return suffixing.getGroup(endpoint);
            }

            @Override
            public String getTopicName(String topic) {
                return deadLetterTopic.get();
            }
        };
    }
}
