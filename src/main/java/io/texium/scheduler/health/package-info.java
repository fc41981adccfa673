/** Health: MicroProfile readiness (the store) and liveness (the timer service), and /api/scheduler/health. */
package io.texium.scheduler.health;
