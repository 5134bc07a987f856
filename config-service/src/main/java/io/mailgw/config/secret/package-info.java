/** The stored secrets as a whole: re-encrypting them under a new {@code MAILGW_SECRET_KEY} after a rotation. */
package io.mailgw.config.secret;
