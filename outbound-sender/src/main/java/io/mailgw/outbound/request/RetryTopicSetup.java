package io.mailgw.outbound.request;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import io.mailgw.events.kafka.GatewayTopicsProperties;
import io.mailgw.outbound.OutboundProperties;
import io.mailgw.outbound.delivery.StatusPublishingException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.retrytopic.DeadLetterPublishingRecovererFactory;
import org.springframework.kafka.retrytopic.DltStrategy;
import org.springframework.kafka.retrytopic.RetryTopicComponentFactory;
import org.springframework.kafka.retrytopic.RetryTopicConfiguration;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationBuilder;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;
import org.springframework.kafka.retrytopic.RetryTopicNamesProviderFactory;
import org.springframework.kafka.retrytopic.RetryTopicSchedulerWrapper;
import org.springframework.kafka.retrytopic.SameIntervalTopicReuseStrategy;
import org.springframework.kafka.retrytopic.TopicSuffixingStrategy;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Spring Kafka's non-blocking retries for the requests topic: one retry topic per configured
 * delay ({@code <requests>.retry-0}, {@code .retry-1}, ...), then the contract's dead-letter topic
 * ({@code mailgw.topics.outbound-requests-dlt}). {@link DeadLetterException} goes to the
 * dead-letter topic at once. When MongoDB or Kafka cannot record an outcome, the record is
 * retried in place, pausing up to {@code mailgw.outbound.retry.infrastructure-max-backoff}, and
 * its offset is not committed meanwhile.
 */
@Configuration
class RetryTopicSetup extends RetryTopicConfigurationSupport {

    static final String RETRY_SUFFIX = ".retry";

    private final GatewayTopicsProperties topics;
    private final OutboundProperties.Retry retry;
    private final Clock clock;

    RetryTopicSetup(GatewayTopicsProperties topics, OutboundProperties properties, Clock clock) {
        this.topics = topics;
        this.retry = properties.retry();
        this.clock = clock;
    }

    /** The name of the retry topic behind the delay at {@code index} (0-based). */
    static String retryTopicName(String requestsTopic, int index) {
        return requestsTopic + RETRY_SUFFIX + "-" + index;
    }

    @Bean
    RetryTopicConfiguration sendRequestRetryTopics(KafkaTemplate<String, String> kafka) {
        return RetryTopicConfigurationBuilder.newInstance()
                .includeTopic(topics.outboundRequests())
                .maxAttempts(retry.maxAttempts())
                .customBackoff(new ListedBackOff(retry.delays()))
                .retryTopicSuffix(RETRY_SUFFIX)
                .setTopicSuffixingStrategy(TopicSuffixingStrategy.SUFFIX_WITH_INDEX_VALUE)
                .sameIntervalTopicReuseStrategy(SameIntervalTopicReuseStrategy.MULTIPLE_TOPICS)
                .doNotAutoCreateRetryTopics()
                .dltProcessingFailureStrategy(DltStrategy.FAIL_ON_ERROR)
                .autoStartDltHandler(false)
                .create(kafka);
    }

    /** The retry topics, sized like the requests topic, since they carry the same records. */
    @Bean
    @ConditionalOnProperty(name = "mailgw.topics.create", havingValue = "true", matchIfMissing = true)
    KafkaAdmin.NewTopics sendRequestRetryTopicsCreation() {
        Map<String, String> large = Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                String.valueOf(topics.requestsMaxMessageBytes().toBytes()));
        return new KafkaAdmin.NewTopics(IntStream.range(0, retry.delays().size())
                .mapToObj(index -> new NewTopic(retryTopicName(topics.outboundRequests(), index), topics.partitions(),
                        topics.replicationFactor()).configs(large))
                .toArray(NewTopic[]::new));
    }

    /** Resumes the retry topics' paused partitions when a record's delay is over; a scheduler of its own. */
    @Bean
    RetryTopicSchedulerWrapper retryTopicScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("outbound-retry-");
        return new RetryTopicSchedulerWrapper(scheduler);
    }

    @Override
    protected void configureBlockingRetries(BlockingRetriesConfigurer blockingRetries) {
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(retry.infrastructureMaxBackoff().toMillis());
        blockingRetries.retryOn(DataAccessException.class, StatusPublishingException.class).backOff(backOff);
    }

    @Override
    protected void manageNonBlockingFatalExceptions(List<Class<? extends Throwable>> nonBlockingFatalExceptions) {
        nonBlockingFatalExceptions.add(DeadLetterException.class);
    }

    @Override
    protected Consumer<DeadLetterPublishingRecovererFactory> configureDeadLetterPublishingContainerFactory() {
        DeadLetterHeaders headers = new DeadLetterHeaders(clock);
        return factory -> {
            factory.neverLogListenerException();
            factory.setHeadersFunction(headers::headersFor);
            factory.setDeadLetterPublishingRecovererCustomizer(recoverer -> recoverer.excludeHeader(HeadersToAdd.EX_STACKTRACE));
        };
    }

    /** Called from the superclass constructor, before this class's fields are set: the name is read later. */
    @Override
    protected RetryTopicComponentFactory createComponentFactory() {
        return new RetryTopicComponentFactory() {
            @Override
            public RetryTopicNamesProviderFactory retryTopicNamesProviderFactory() {
                return new ContractTopicNames(() -> topics.outboundRequestsDlt());
            }
        };
    }

    /** The retry delays as configured, in order; Spring Kafka turns each into one retry topic. */
    private record ListedBackOff(List<Duration> delays) implements BackOff {

        @Override
        public BackOffExecution start() {
            int[] next = {0};
            return () -> next[0] < delays.size() ? delays.get(next[0]++).toMillis() : BackOffExecution.STOP;
        }
    }
}
