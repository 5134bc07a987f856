/** Spring Boot wiring of the gateway's topics: names and sizes as properties, created when missing. */
package io.mailgw.events.kafka;
