/**
 * {@link io.mailgw.testing.net.TcpProxy}: a loopback TCP proxy that a test puts between a client and a real
 * server to cut connections, mid-stream if need be, or refuse new ones.
 */
package io.mailgw.testing.net;
