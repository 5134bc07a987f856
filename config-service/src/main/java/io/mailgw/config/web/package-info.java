/**
 * What every endpoint shares: reading JSON bodies field by field, and answering every failure as
 * an RFC 9457 problem detail that names the fields at fault.
 */
package io.mailgw.config.web;
