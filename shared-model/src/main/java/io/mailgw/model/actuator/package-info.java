/** Who may read the actuator of the services that have no users of their own: the poller and the sender. */
package io.mailgw.model.actuator;
