/**
 * Export and import of the whole configuration ({@code /api/v1/export}, {@code /api/v1/import},
 * role ADMIN only): mailboxes, contracts and the settings, without secrets on the way out, and
 * all of it checked before anything is written on the way in.
 */
package io.mailgw.config.transfer;
