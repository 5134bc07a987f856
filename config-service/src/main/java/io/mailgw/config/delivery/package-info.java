/**
 * The delivery log as operators read it ({@code /api/v1/deliveries}: the sender's ledger, newest
 * first, without bodies, addresses or secrets) and the re-drive that puts failed requests' dead
 * letters back on the requests topic with a fresh ticket.
 */
package io.mailgw.config.delivery;
