/** The contracts API ({@code /api/v1/contracts}): a contract and the outbox it may link. */
package io.mailgw.config.contract;
