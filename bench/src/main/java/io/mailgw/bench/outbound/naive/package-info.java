/**
 * The naive sender the gateway is compared with: a Spring Boot app of the kind users write, a
 * {@code @KafkaListener} that calls {@code JavaMailSender.send} for each request.
 */
package io.mailgw.bench.outbound.naive;
