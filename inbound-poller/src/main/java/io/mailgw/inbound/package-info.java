/** The inbound poller: reads every enabled inbound mailbox and publishes each message as {@code MailReceived}. */
package io.mailgw.inbound;
