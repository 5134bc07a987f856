package io.mailgw.events.kafka;

import io.mailgw.events.Topics;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's topics ({@code mailgw.topics.*}): names default to CONTRACT §3.
 *
 * @param partitions             partitions of each topic the gateway creates; default 12
 * @param replicationFactor      replicas of each; default 1 (3 in compose)
 * @param requestsMaxMessageBytes {@code max.message.bytes} of the requests topic and its retry
 *                               and dead-letter topics; default 16 MiB
 * @param create                 whether a service creates missing topics at start; default true
 */
@Validated
@ConfigurationProperties("mailgw.topics")
public record GatewayTopicsProperties(
        @DefaultValue(Topics.OUTBOUND_REQUESTS) @NotBlank String outboundRequests,
        @DefaultValue(Topics.OUTBOUND_STATUS) @NotBlank String outboundStatus,
        @DefaultValue(Topics.OUTBOUND_REQUESTS_DLT) @NotBlank String outboundRequestsDlt,
        @DefaultValue(Topics.INBOUND_MESSAGES) @NotBlank String inboundMessages,
        @DefaultValue(Topics.CONFIG_CHANGES) @NotBlank String configChanges,
        @DefaultValue("12") @Min(1) int partitions,
        @DefaultValue("1") @Min(1) short replicationFactor,
        @DefaultValue("16MB") DataSize requestsMaxMessageBytes,
        @DefaultValue("true") boolean create) {
}
