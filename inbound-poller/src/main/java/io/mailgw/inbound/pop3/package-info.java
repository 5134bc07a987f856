/** POP3 and POP3S: new messages by UIDL, the handled UIDLs as checkpoint, DELETE committed at QUIT. */
package io.mailgw.inbound.pop3;
