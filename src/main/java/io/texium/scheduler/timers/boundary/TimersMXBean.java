package io.texium.scheduler.timers.boundary;

import java.util.List;

/**
 * The job timers of this instance as a JMX MXBean ({@code io.texium.scheduler:type=Timers}), for JConsole or any JMX
 * client: the attributes of the timers view and the actions with WildFly's names (suspend = pause the job, activate =
 * resume it, cancel = delete it, trigger = run it now) plus re-arm and reconcile, each through the same control code as
 * the REST API and audited with the actor {@code jmx}. Who may call it is whoever the server's JMX access admits.
 */
public interface TimersMXBean {

    /** A timer as a row of the table (times ISO-8601 UTC; {@code timeRemainingMillis} until the next timeout). */
    record TimerRow(String jobId, String jobName, String owner, String ownerName, String scheduleDescription,
                    String expression, String timezone, String nextTimeout, Long timeRemainingMillis,
                    boolean persistent, boolean calendarTimer, Boolean exact, String armedAt, Boolean paused,
                    String lastFireExecutionId, String lastFireScheduledTime, String lastFireStartedAt,
                    String lastFireStatus, List<Long> recentLagMs, String instance) {
    }

    /** This instance's drift: the job ids of each kind, in id order. */
    record DriftRow(String instance, List<String> missing, List<String> orphans, List<String> stale) {
    }

    /** What a reconcile found and repaired. */
    record ReconcileRow(String instance, int foundMissing, int foundOrphans, int foundStale, int armed, int rearmed,
                        int cancelled) {
    }

    /** This instance's id (the {@code instance} of the REST API). */
    String getInstanceId();

    /** How many job timers this instance holds. */
    int getTimerCount();

    /** How this instance's timers differ from the active jobs now (reads every active job's id and version). */
    DriftRow getDrift();

    /** The first {@value TimersJmx#TABLE} timers by job id; {@link #timers} pages further. */
    List<TimerRow> getTimers();

    /** A page of the timers by job id ({@code page} from 1, {@code pageSize} at most 500). */
    List<TimerRow> timers(int page, int pageSize);

    /** Pauses the job: its timer is cancelled until it is activated (WildFly's suspend). */
    String suspend(String jobId);

    /** Resumes the job: its timer is armed again (WildFly's activate). */
    String activate(String jobId);

    /** Deletes the job and its timer (WildFly's cancel). */
    String cancel(String jobId);

    /** Runs the job now, outside its schedule (WildFly's trigger); answers the execution's id. */
    String trigger(String jobId);

    /** Cancels the job's timer on this instance and arms it again from the job as stored. */
    TimerRow rearm(String jobId);

    /** Reconciles this instance's timers with the jobs now. */
    ReconcileRow reconcile();
}
