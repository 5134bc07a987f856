/**
 * {@link io.mailgw.testing.smtp.ScriptedSmtpServer}: a small SMTP server on loopback that answers as a test
 * scripts it (421, 452, 535, 550, 554, a drop after DATA, a stall) and records what it received, for the
 * failures GreenMail cannot produce.
 */
package io.mailgw.testing.smtp;
