/** The demo configuration the local stack seeds on first start: outboxes, contract {@code demo}, an inbound mailbox. */
package io.mailgw.localstack.demo;
