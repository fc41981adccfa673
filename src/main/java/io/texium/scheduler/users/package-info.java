/** Users: who may call the scheduler, with which role; the REST API under /api/users. */
package io.texium.scheduler.users;
