/** Authentication (HTTP Basic against the users collection, Bearer API tokens) and the caller's rights. */
package io.texium.scheduler.security;
