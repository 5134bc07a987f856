/**
 * The gateway's public events: records, topic and header names, JSON and the publishing client.
 */
package io.mailgw.events;
