/**
 * The admin page at {@code /}: server-side Thymeleaf forms for mailboxes, contracts and the default
 * outbox, in Spanish or English, changing the configuration through the same editors as the API.
 */
package io.mailgw.config.page;
