/** The demo mail server of the local stack (GreenMail): SMTP, IMAP and POP3 with and without TLS. */
package io.mailgw.localstack.mail;
