/** Announcing configuration changes on Kafka ({@code ConfigChanged} on the config-changes topic). */
package io.mailgw.config.change;
