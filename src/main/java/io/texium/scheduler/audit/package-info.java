/** The audit log: who changed which job, user, server or token, when, and what changed; read under /api/scheduler/audit. */
package io.texium.scheduler.audit;
