/** System-wide settings, one document: the default outbox. */
package io.mailgw.model.settings;
