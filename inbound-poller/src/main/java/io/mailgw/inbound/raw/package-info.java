/**
 * One message's RFC 822 bytes exactly as the server gave them: held in memory when small, streamed
 * through a temporary file when large, with their size and SHA-256 counted on the way.
 */
package io.mailgw.inbound.raw;
