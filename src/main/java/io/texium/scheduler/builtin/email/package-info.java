/** The EmailNotification job and the {@link io.texium.scheduler.builtin.email.Mailer} every job that mails uses. */
package io.texium.scheduler.builtin.email;
