/** The outbound sender application and its configuration ({@code mailgw.outbound.*}). */
package io.mailgw.outbound;
