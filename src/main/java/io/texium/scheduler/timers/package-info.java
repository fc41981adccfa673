/** The EJB TimerService adapter: one non-persistent calendar timer per active job, rebuilt from MongoDB, inspectable live. */
package io.texium.scheduler.timers;
