/**
 * Who may call the service: HTTP Basic against the users in MongoDB (BCrypt hashes), role ADMIN
 * to change configuration, VIEWER to read it; the first admin from the environment.
 */
package io.mailgw.config.security;
