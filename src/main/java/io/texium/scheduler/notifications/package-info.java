/**
 * Notifications: who is told when a job's run ends (a job's {@code notify}, else the server's {@code texium.notify.*}
 * default), by mail and webhook, off the recording thread; each attempt is recorded on the execution.
 */
package io.texium.scheduler.notifications;
