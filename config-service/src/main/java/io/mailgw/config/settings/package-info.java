/** The settings API ({@code /api/v1/settings}): the system's default outbox. */
package io.mailgw.config.settings;
