/**
 * The benchmark harness: measures the gateway's services, each in its own JVM, against real mail
 * servers on loopback (Postfix's smtp-sink, Dovecot) and beside the peers that bound them.
 */
package io.mailgw.bench;
