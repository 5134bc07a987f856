/**
 * The users API ({@code /api/v1/users}, role ADMIN only): who may sign in and with which role;
 * passwords go in, BCrypt hashes are stored, and neither ever comes out.
 */
package io.mailgw.config.user;
