/**
 * What a run stands on: the embedded Kafka broker and MongoDB wire server, the seeded
 * configuration, the gateway services in their own JVMs, the peers' processes, and the sampling
 * of a JVM's heap and CPU.
 */
package io.mailgw.bench.infra;
