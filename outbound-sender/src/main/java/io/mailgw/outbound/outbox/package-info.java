/** Which outbox a request goes out through: the five rules of CONTRACT §2, read fresh from MongoDB. */
package io.mailgw.outbound.outbox;
