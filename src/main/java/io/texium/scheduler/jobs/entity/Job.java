package io.texium.scheduler.jobs.entity;

import io.texium.scheduler.platform.InstantAsDate;
import io.texium.scheduler.schedule.ScheduleSpec;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jnosql.databases.mongodb.mapping.ObjectIdConverter;

/** A scheduled job as stored in {@code scheduler_jobs}: what runs (its class and arguments), when (APScheduler cron fields or a crontab line, in a time zone), and its run statistics. */
// The schedule's values are columns of their own, read and written as one ScheduleSpec: the document keeps them flat
// at the top level, and JNoSQL maps only annotated classes, which the schedule package (no jakarta imports) has none of.
@Entity("scheduler_jobs")
public class Job {

    @Id
    @Convert(ObjectIdConverter.class)
    private String id;

    @Column("user_id")
    private String userId;

    @Column("job_class_string")
    private String jobClassString;

    @Column("name")
    private String name;

    @Column("description")
    private String description;

    @Column("year")
    private String year;

    @Column("month")
    private String month;

    @Column("day_of_month")
    private String dayOfMonth;

    @Column("week")
    private String week;

    @Column("day_of_week")
    private String dayOfWeek;

    @Column("hour")
    private String hour;

    @Column("minute")
    private String minute;

    @Column("second")
    private String second;

    @Column("cron")
    private String cron;

    @Column("timezone")
    private String timezone;

    @Column("start_date")
    private String startDate;

    @Column("end_date")
    private String endDate;

    @Column("pub_args")
    private List<Object> pubArgs;

    @Column("pub_kwargs")
    private Map<String, Object> pubKwargs;

    @Column("notify")
    private Map<String, Object> notify;

    @Column("max_retries")
    private Integer maxRetries;

    @Column("retry_delay_seconds")
    private Long retryDelaySeconds;

    @Column("retry_backoff")
    private Double retryBackoff;

    @Column("retry_max_delay_seconds")
    private Long retryMaxDelaySeconds;

    @Column("timeout_seconds")
    private Long timeoutSeconds;

    @Column("max_instances")
    private Integer maxInstances;

    @Column("misfire_grace_seconds")
    private Long misfireGraceSeconds;

    @Column("coalesce")
    private Boolean coalesce;

    @Column("on_success")
    private List<String> onSuccess;

    @Column("on_failure")
    private List<String> onFailure;

    /** Maintained by the run pipeline, read with the job when fires are claimed; never written by a job change. */
    private List<ActiveRun> activeRuns = List.of();

    /** Maintained by the run pipeline (the last few fires that ran, oldest first); never written by a job change. */
    private List<RecentFire> recentFires = List.of();

    @Column("is_enabled")
    private boolean enabled;

    @Column("is_paused")
    private boolean paused;

    @Column("created_at")
    @Convert(InstantAsDate.class)
    private Instant createdAt;

    @Column("updated_at")
    @Convert(InstantAsDate.class)
    private Instant updatedAt;

    @Column("last_run_time")
    @Convert(InstantAsDate.class)
    private Instant lastRunTime;

    @Column("next_run_time")
    @Convert(InstantAsDate.class)
    private Instant nextRunTime;

    @Column("total_executions")
    private long totalExecutions;

    @Column("version")
    private long version;


    public String id() {
        return id;
    }

    public Job id(String id) {
        this.id = id;
        return this;
    }

    public String userId() {
        return userId;
    }

    public Job userId(String userId) {
        this.userId = userId;
        return this;
    }

    public String jobClassString() {
        return jobClassString;
    }

    public Job jobClassString(String jobClassString) {
        this.jobClassString = jobClassString;
        return this;
    }

    public String name() {
        return name;
    }

    public Job name(String name) {
        this.name = name;
        return this;
    }

    public String description() {
        return description;
    }

    public Job description(String description) {
        this.description = description;
        return this;
    }

    /** The schedule, one value; the job document keeps its values as flat top-level fields. */
    public ScheduleSpec schedule() {
        return new ScheduleSpec(year, month, dayOfMonth, week, dayOfWeek, hour, minute, second, timezone, startDate,
                endDate, cron);
    }

    public Job schedule(ScheduleSpec schedule) {
        this.year = schedule.year();
        this.month = schedule.month();
        this.dayOfMonth = schedule.dayOfMonth();
        this.week = schedule.week();
        this.dayOfWeek = schedule.dayOfWeek();
        this.hour = schedule.hour();
        this.minute = schedule.minute();
        this.second = schedule.second();
        this.timezone = schedule.timezone();
        this.startDate = schedule.startDate();
        this.endDate = schedule.endDate();
        this.cron = schedule.cron();
        return this;
    }

    public List<Object> pubArgs() {
        return pubArgs;
    }

    public Job pubArgs(List<Object> pubArgs) {
        this.pubArgs = pubArgs;
        return this;
    }

    public Map<String, Object> pubKwargs() {
        return pubKwargs;
    }

    public Job pubKwargs(Map<String, Object> pubKwargs) {
        this.pubKwargs = pubKwargs;
        return this;
    }

    /** Whom to tell when a run ends; null: the server's default. */
    public Notify notifySetting() {
        return Notify.of(notify);
    }

    public Job notifySetting(Notify notify) {
        this.notify = notify == null ? null : notify.toMap();
        return this;
    }

    /** The run policy with the default of every field the job does not set. */
    public RunPolicy policy() {
        return new RunPolicy(or(maxRetries, RunPolicy.DEFAULT_MAX_RETRIES),
                or(retryDelaySeconds, RunPolicy.DEFAULT_RETRY_DELAY_SECONDS),
                or(retryBackoff, RunPolicy.DEFAULT_RETRY_BACKOFF),
                or(retryMaxDelaySeconds, RunPolicy.DEFAULT_RETRY_MAX_DELAY_SECONDS), timeoutSeconds,
                or(maxInstances, RunPolicy.DEFAULT_MAX_INSTANCES),
                or(misfireGraceSeconds, RunPolicy.DEFAULT_MISFIRE_GRACE_SECONDS),
                or(coalesce, RunPolicy.DEFAULT_COALESCE), onSuccess, onFailure);
    }

    /** Copies the policy fields as set (null: not set) from another job. */
    public Job policyFields(Job from) {
        return maxRetries(from.maxRetries).retryDelaySeconds(from.retryDelaySeconds).retryBackoff(from.retryBackoff)
                .retryMaxDelaySeconds(from.retryMaxDelaySeconds).timeoutSeconds(from.timeoutSeconds)
                .maxInstances(from.maxInstances).misfireGraceSeconds(from.misfireGraceSeconds).coalesce(from.coalesce)
                .onSuccess(from.onSuccess).onFailure(from.onFailure);
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    public Integer maxRetries() {
        return maxRetries;
    }

    public Job maxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
        return this;
    }

    public Long retryDelaySeconds() {
        return retryDelaySeconds;
    }

    public Job retryDelaySeconds(Long retryDelaySeconds) {
        this.retryDelaySeconds = retryDelaySeconds;
        return this;
    }

    public Double retryBackoff() {
        return retryBackoff;
    }

    public Job retryBackoff(Double retryBackoff) {
        this.retryBackoff = retryBackoff;
        return this;
    }

    public Long retryMaxDelaySeconds() {
        return retryMaxDelaySeconds;
    }

    public Job retryMaxDelaySeconds(Long retryMaxDelaySeconds) {
        this.retryMaxDelaySeconds = retryMaxDelaySeconds;
        return this;
    }

    public Long timeoutSeconds() {
        return timeoutSeconds;
    }

    public Job timeoutSeconds(Long timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
        return this;
    }

    public Integer maxInstances() {
        return maxInstances;
    }

    public Job maxInstances(Integer maxInstances) {
        this.maxInstances = maxInstances;
        return this;
    }

    public Long misfireGraceSeconds() {
        return misfireGraceSeconds;
    }

    public Job misfireGraceSeconds(Long misfireGraceSeconds) {
        this.misfireGraceSeconds = misfireGraceSeconds;
        return this;
    }

    public Boolean coalesce() {
        return coalesce;
    }

    public Job coalesce(Boolean coalesce) {
        this.coalesce = coalesce;
        return this;
    }

    public List<String> onSuccess() {
        return onSuccess;
    }

    public Job onSuccess(List<String> onSuccess) {
        this.onSuccess = onSuccess;
        return this;
    }

    public List<String> onFailure() {
        return onFailure;
    }

    public Job onFailure(List<String> onFailure) {
        this.onFailure = onFailure;
        return this;
    }

    /** The runs claimed and not yet ended, as last read from the store. */
    public List<ActiveRun> activeRuns() {
        return activeRuns;
    }

    public Job activeRuns(List<ActiveRun> activeRuns) {
        this.activeRuns = activeRuns == null ? List.of() : List.copyOf(activeRuns);
        return this;
    }

    /** The last fires of the schedule that ran and ended (at most {@code 10}), oldest first, as last read from the store. */
    public List<RecentFire> recentFires() {
        return recentFires;
    }

    public Job recentFires(List<RecentFire> recentFires) {
        this.recentFires = recentFires == null ? List.of() : List.copyOf(recentFires);
        return this;
    }

    public boolean enabled() {
        return enabled;
    }

    public Job enabled(boolean enabled) {
        this.enabled = enabled;
        return this;
    }

    public boolean paused() {
        return paused;
    }

    public Job paused(boolean paused) {
        this.paused = paused;
        return this;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Job createdAt(Instant createdAt) {
        this.createdAt = InstantAsDate.stored(createdAt);
        return this;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Job updatedAt(Instant updatedAt) {
        this.updatedAt = InstantAsDate.stored(updatedAt);
        return this;
    }

    public Instant lastRunTime() {
        return lastRunTime;
    }

    public Job lastRunTime(Instant lastRunTime) {
        this.lastRunTime = InstantAsDate.stored(lastRunTime);
        return this;
    }

    public Instant nextRunTime() {
        return nextRunTime;
    }

    public Job nextRunTime(Instant nextRunTime) {
        this.nextRunTime = InstantAsDate.stored(nextRunTime);
        return this;
    }

    public long totalExecutions() {
        return totalExecutions;
    }

    public Job totalExecutions(long totalExecutions) {
        this.totalExecutions = totalExecutions;
        return this;
    }

    /** Grows with every change a client makes: what a fire is claimed against and a parsed schedule is cached by. */
    public long version() {
        return version;
    }

    public Job version(long version) {
        this.version = version;
        return this;
    }
}
