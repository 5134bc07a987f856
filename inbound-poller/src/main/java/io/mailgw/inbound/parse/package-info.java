/**
 * MIME to {@code MailReceived}: addresses, threading headers, bodies, attachments and whether a robot
 * sent the message. A message that breaks the rules still yields an event, with {@code parseError}.
 */
package io.mailgw.inbound.parse;
