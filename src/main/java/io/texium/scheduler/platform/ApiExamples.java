package io.texium.scheduler.platform;

/** Example bodies for the OpenAPI document: what a client sends and gets back. */
public final class ApiExamples {

    private ApiExamples() {
    }

    public static final String JOB = """
            {"id": "6747a1c2e4b0a1b2c3d4e5f6", "job_id": "6747a1c2e4b0a1b2c3d4e5f6", "user_id": "6747a0f1e4b0a1b2c3d4e5f0",
             "job_class_string": "jobs.echo.EchoJob", "name": "Test Job", "description": null,
             "year": null, "month": null, "day_of_month": null, "week": null, "day_of_week": null, "hour": null,
             "minute": "*/5", "second": null, "cron": null, "timezone": "UTC", "start_date": null, "end_date": null,
             "pub_args": ["Hello", "World"], "pub_kwargs": {},
             "notify": {"on": ["failed", "missed"], "emails": ["ops@example.com"], "webhooks": ["https://hooks.slack.com/***"]},
             "max_retries": 0, "retry_delay_seconds": 30, "retry_backoff": 2.0, "retry_max_delay_seconds": 3600,
             "timeout_seconds": null, "max_instances": 1, "misfire_grace_seconds": 3600, "coalesce": true,
             "on_success": [], "on_failure": [],
             "is_enabled": true, "is_paused": false, "created_at": "2026-11-28T09:00:00Z", "updated_at": "2026-11-28T09:00:00Z",
             "last_run_time": null, "next_run_time": "2026-11-28T09:05:00Z", "total_executions": 0}""";

    public static final String ONE_JOB = "{\"success\": true, \"data\": " + JOB + "}";

    public static final String CREATED_JOB = "{\"success\": true, \"job_id\": \"6747a1c2e4b0a1b2c3d4e5f6\", \"data\": " + JOB + "}";

    public static final String JOB_LIST = "{\"success\": true, \"data\": [" + JOB + "], \"total\": 1, \"page\": 1, \"page_size\": 50}";

    public static final String EXECUTION = """
            {"id": "6747a2d0e4b0a1b2c3d4e600", "execution_id": "6747a2d0e4b0a1b2c3d4e600",
             "job_id": "6747a1c2e4b0a1b2c3d4e5f6", "user_id": "6747a0f1e4b0a1b2c3d4e5f0", "job_name": "Test Job",
             "job_class_string": "jobs.echo.EchoJob", "status": "succeeded", "trigger": "schedule",
             "scheduled_time": "2026-11-28T09:05:00Z", "output": "{\\"args\\":[\\"Hello\\",\\"World\\"],\\"kwargs\\":{}}",
             "error": null, "hostname": "scheduler-1", "started_at": "2026-11-28T09:05:00.093Z",
             "completed_at": "2026-11-28T09:05:00.101Z", "duration_ms": 8, "created_at": "2026-11-28T09:05:00.090Z",
             "notifications": null}""";

    public static final String ONE_EXECUTION = "{\"success\": true, \"data\": " + EXECUTION + "}";

    public static final String CANCELLED_EXECUTION = """
            {"success": true, "data": {"id": "6747a2d0e4b0a1b2c3d4e600", "execution_id": "6747a2d0e4b0a1b2c3d4e600",
             "job_id": "6747a1c2e4b0a1b2c3d4e5f6", "user_id": "6747a0f1e4b0a1b2c3d4e5f0", "job_name": "Test Job",
             "job_class_string": "jobs.webhook.WebhookJob", "status": "cancelled", "trigger": "manual",
             "scheduled_time": "2026-11-28T09:05:00Z", "output": null, "error": null, "hostname": "scheduler-1",
             "started_at": "2026-11-28T09:05:00.093Z", "completed_at": "2026-11-28T09:05:41.510Z", "duration_ms": 41417,
             "created_at": "2026-11-28T09:05:00.090Z",
             "reason": "cancelled on request while it ran; its thread was interrupted", "notifications": null}}""";

    public static final String EXECUTION_LIST = "{\"success\": true, \"data\": [" + EXECUTION + "], \"total\": 1,"
            + " \"total_estimated\": false, \"page\": 1, \"page_size\": 50, \"next_before\": null, \"next_after\": null}";

    public static final String RUN_ACCEPTED = "{\"success\": true, \"execution_id\": \"6747a2d0e4b0a1b2c3d4e600\"}";

    public static final String AVAILABLE_JOBS = """
            {"success": true, "data": [{"job_class_string": "jobs.cleanup.DataCleanupJob", "name": "Data clean-up",
             "description": "Deletes finished executions older than `days` (optionally only some statuses) and, if asked, audit entries older than `audit_days`. Outputs what it deleted.",
             "arguments": [{"name": "days", "type": "integer", "description": "Executions scheduled more than this many days ago are deleted (1 to 36500).", "required": false, "default": 30, "secret": false, "allowed": [], "minimum": 1, "maximum": 36500},
              {"name": "statuses", "type": "string[]", "description": "Only executions with these statuses (succeeded, failed, missed, skipped); all finished ones when left out.", "required": false, "secret": false, "allowed": []}],
             "example_pub_args": [], "example_pub_kwargs": {"days": 14, "statuses": ["succeeded"]},
             "notes": ["An administrator's job cleans every user's executions; another user's job only that user's."],
             "admin_only": false}],
             "total": 1, "page": 1, "page_size": 1}""";

    public static final String STATS = """
            {"success": true, "stats": {"total_jobs": 12, "enabled_jobs": 10, "paused_jobs": 1, "total_executions": 4315,
             "succeeded": 4285, "failed": 18, "running": 2, "success_rate": 99.47, "scheduled": 1, "timeout": 5,
             "cancelled": 1, "missed": 2, "skipped": 1}}""";

    public static final String HEALTH = """
            {"success": true, "data": {"status": "UP", "store_reachable": true, "timer_count": 10,
             "jobs_without_timer": [], "timers_without_job": []}}""";

    public static final String TIMERS = """
            {"success": true, "total": 1, "data": [{"job_id": "6747a1c2e4b0a1b2c3d4e5f6", "job_name": "Test Job",
             "expression": {"second": "0", "minute": "0,5,10,15,20,25,30,35,40,45,50,55", "hour": "*", "day_of_month": "*",
             "month": "*", "day_of_week": "*", "year": "*", "timezone": "UTC"}, "timezone": "UTC",
             "next_timeout": "2026-11-28T09:05:00Z", "persistent": false, "exact": true,
             "armed_at": "2026-11-28T08:00:02Z", "instance": "6747a0f1e4b0a1b2c3d4e001",
             "owners": ["6747a0f1e4b0a1b2c3d4e001", "6747a0f9e4b0a1b2c3d4e002"],
             "owner": "6747a0b2e4b0a1b2c3d4e0aa", "owner_name": "alice",
             "schedule_description": "At every 5th minute past every hour", "paused": false,
             "last_fire": {"execution_id": "6747a1c8e4b0a1b2c3d4e5f7", "scheduled_time": "2026-11-28T09:00:00Z",
              "started_at": "2026-11-28T09:00:00.041Z", "status": "succeeded"},
             "recent_lag_ms": [41, 38, 52]}],
             "drift": {"instance": "6747a0f1e4b0a1b2c3d4e001", "source": "live", "missing": [], "orphans": [], "stale": []},
             "drifts": [{"instance": "6747a0f1e4b0a1b2c3d4e001", "source": "live", "missing": [], "orphans": [], "stale": []}]}""";

    public static final String TIMER_REARMED = """
            {"success": true, "data": {"job_id": "6747a1c2e4b0a1b2c3d4e5f6", "instances": ["6747a0f1e4b0a1b2c3d4e001"],
             "timer": {"job_id": "6747a1c2e4b0a1b2c3d4e5f6", "job_name": "Test Job", "next_timeout": "2026-11-28T09:05:00Z",
              "exact": true, "armed_at": "2026-11-28T09:01:12Z", "instance": "6747a0f1e4b0a1b2c3d4e001"}}}""";

    public static final String TIMERS_RECONCILED = """
            {"success": true, "data": [{"instance": "6747a0f1e4b0a1b2c3d4e001", "answered": true,
             "found": {"missing": 1, "orphans": 0, "stale": 0}, "repaired": {"armed": 1, "rearmed": 0, "cancelled": 0},
             "found_job_ids": {"missing": ["6747a1c2e4b0a1b2c3d4e5f6"], "orphans": [], "stale": []}}]}""";

    public static final String PREVIEW = """
            {"success": true, "data": {"next_run_times": ["2026-11-30T09:00:00-05:00", "2026-11-30T09:05:00-05:00"],
             "description": "At every 5th minute past every hour from 9 through 17 on Monday through Friday",
             "fields": {"year": "*", "month": "*", "day": "*", "week": "*", "day_of_week": "mon-fri", "hour": "9-17",
             "minute": "*/5", "second": "0"}}}""";

    public static final String PROBLEM = """
            {"type": "about:blank", "title": "Invalid request", "status": 400,
             "detail": "minute: 60 is out of range 0-59", "errors": [{"field": "minute", "message": "60 is out of range 0-59"}]}""";

    public static final String BACKUP_MANIFEST = """
            {"name": "texium-20261128T090000Z.jsonl.gz", "format": 1, "created_at": "2026-11-28T09:00:00Z",
             "instance": "6747a0f1e4b0a1b2c3d4e5aa", "hostname": "scheduler-1", "schema_version": 2,
             "collections": [{"name": "api_tokens", "count": 3}, {"name": "scheduler_audit", "count": 120},
             {"name": "scheduler_executions_2026112808", "count": 12}, {"name": "scheduler_jobs", "count": 4},
             {"name": "servers", "count": 2}, {"name": "users", "count": 3}], "documents": 144, "size": 18211,
             "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}""";

    public static final String BACKUPS = "{\"success\": true, \"total\": 1, \"data\": [{\"name\": \"texium-20261128T090000Z.jsonl.gz\","
            + " \"size\": 18211, \"created_at\": \"2026-11-28T09:00:00Z\", \"manifest\": " + BACKUP_MANIFEST + "}]}";

    public static final String BACKUP_MADE = "{\"success\": true, \"name\": \"texium-20261128T090000Z.jsonl.gz\", \"data\": "
            + BACKUP_MANIFEST + "}";

    public static final String BACKUP_RESTORED = """
            {"success": true, "data": {"name": "texium-20261128T090000Z.jsonl.gz", "mode": "replace",
             "collections": {"api_tokens": 3, "scheduler_audit": 120, "scheduler_executions_2026112808": 12,
             "scheduler_jobs": 4, "servers": 2, "users": 3}, "documents": 144, "deleted": 151, "conflicts": 0}}""";

    public static final String REPORT = """
            {"name": "report-20261128T090000Z-c3d4e5f6.csv", "format": "csv", "size": 412,
             "created_at": "2026-11-28T09:00:00.120Z", "owner_id": "6747a0f1e4b0a1b2c3d4e5f0",
             "job_id": "6747a1c2e4b0a1b2c3d4e5f6", "job_name": "Daily report", "since": "2026-11-27T09:00:00Z",
             "until": "2026-11-28T09:00:00Z", "rows": 3, "download": "/api/scheduler/reports/report-20261128T090000Z-c3d4e5f6.csv"}""";

    public static final String REPORT_LIST = "{\"success\": true, \"data\": [" + REPORT
            + "], \"total\": 1, \"page\": 1, \"page_size\": 50}";
}
