/** The configuration documents every service shares, and their MongoDB wiring. */
package io.mailgw.model;
