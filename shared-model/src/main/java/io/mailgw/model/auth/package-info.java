/**
 * How a mailbox logs in: a password, or an OAuth2 grant (client credentials, refresh token, JWT
 * bearer) whose access token is sent with SASL XOAUTH2. Every secret in here is stored encrypted.
 */
package io.mailgw.model.auth;
