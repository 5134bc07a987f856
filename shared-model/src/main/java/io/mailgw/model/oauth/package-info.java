/**
 * OAuth2 access tokens for mailboxes that log in with SASL XOAUTH2: one component for the poller,
 * the sender and the connection test, on Spring Security's OAuth2 client (client credentials,
 * refresh token and JWT bearer grants), with tokens cached per mailbox and refreshed before they
 * expire, rotated refresh tokens kept, and token endpoints asked through the connect guard.
 */
package io.mailgw.model.oauth;
