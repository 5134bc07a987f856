/** The local stack's demo OAuth2 token endpoint, for trying OAuth2 mailboxes without a provider. */
package io.mailgw.localstack.oauth2;
