/** Servers: the hosts a user watches, with how to check them and their last known status; the REST API under /api/servers. */
package io.texium.scheduler.servers;
