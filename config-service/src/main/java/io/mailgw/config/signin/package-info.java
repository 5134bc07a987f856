/**
 * Signing in for a delegated OAuth2 mailbox from the admin page ("Conectar con Microsoft",
 * "Conectar con Google"): the authorization code flow with PKCE, state kept in the admin's session,
 * the code exchanged through the connect guard, and the refresh token stored encrypted.
 */
package io.mailgw.config.signin;
