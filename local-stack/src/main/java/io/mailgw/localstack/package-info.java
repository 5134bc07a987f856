/**
 * The local stack: one command that runs the whole gateway on this machine, with embedded Kafka,
 * MongoDB and mail servers, and the order in which its parts start and stop.
 */
package io.mailgw.localstack;
