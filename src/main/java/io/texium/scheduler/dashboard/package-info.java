/**
 * The console's dashboard: counts by status, executions and fire lag per UTC hour, the slowest and the failing jobs
 * and the next runs, over the last 1 to 168 hours, for one user or (admins) everyone. Finished hours are read from
 * hourly rollups kept by a background loop, never written on the run path; an hour still changing is read live.
 */
package io.texium.scheduler.dashboard;
