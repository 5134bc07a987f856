/**
 * The admin page at {@code /}: server-side Thymeleaf forms for mailboxes, contracts and the default
 * outbox, in Spanish or English, changing the configuration through the same editors as the API; and
 * "Envíos", the delivery log with its re-drive.
 */
package io.mailgw.config.page;
