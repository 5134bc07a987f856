/**
 * The three gateway services started inside the local stack, each as its own Spring Boot context
 * with its own properties file and port, pointed at the embedded servers.
 */
package io.mailgw.localstack.services;
