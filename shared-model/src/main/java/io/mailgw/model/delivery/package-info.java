/**
 * The delivery log: one record per send request, written by the outbound sender as the request
 * moves through its states, read by the config service for operators.
 */
package io.mailgw.model.delivery;
