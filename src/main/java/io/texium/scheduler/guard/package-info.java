/**
 * What every request passes before it reaches a feature: the security headers, the per-caller rate limit and the
 * body limits (a servlet filter, {@link io.texium.scheduler.guard.RequestGuard}), and the back-off of failed
 * password sign-ins and the client address that the authentication mechanism asks for. Limits are kept in memory,
 * per instance. On the way out, {@link io.texium.scheduler.guard.OutboundAddresses} and
 * {@link io.texium.scheduler.guard.OutboundHttp} keep the connections made on a user's behalf (webhooks, server
 * checks, notifications) off loopback, link-local and private addresses, and
 * {@link io.texium.scheduler.guard.MailAddresses} holds the rules of the mail addresses mailed to. It depends on no
 * feature.
 */
package io.texium.scheduler.guard;
