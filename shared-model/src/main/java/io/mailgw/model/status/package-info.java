/** Runtime health of each mailbox, written by the poller and the sender, read by the config service. */
package io.mailgw.model.status;
