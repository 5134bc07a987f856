/**
 * The delay topics ({@code <requests>.retry-<n>}, one per configured delay) and the dead-letter
 * topic: their names, creation, and the records the sender moves there with its headers.
 */
package io.mailgw.outbound.retry;
