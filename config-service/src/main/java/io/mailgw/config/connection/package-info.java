/**
 * The connection test: connect and log in to a mailbox's server now, with saved or unsaved values,
 * through the same connect guard and trust as the poller and the sender, and answer in plain words
 * with a stable code.
 */
package io.mailgw.config.connection;
