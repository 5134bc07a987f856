/** Customer contracts and the outbox each may link (CONTRACT §1, "Contrato"). */
package io.mailgw.model.contract;
