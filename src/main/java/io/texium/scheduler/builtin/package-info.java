/** The job classes that ship with the scheduler, one sub-package each. */
package io.texium.scheduler.builtin;
