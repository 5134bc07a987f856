/** The embedded MongoDB wire-protocol server of the local stack, its data in an H2 file on disk. */
package io.mailgw.localstack.mongo;
