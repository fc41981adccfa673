package io.texium.scheduler.backups.control;

import java.util.Set;

/**
 * Which collections a backup holds: every collection of the scheduler's database (its own: jobs, the hourly execution
 * buckets, users with their password hashes, API tokens (hashes too), servers, audit, and what later features add),
 * except the files themselves and what each instance writes about its own running or derives from the rest. A
 * restore of a backup made by a version with another schema is refused, so the scope need not be versioned.
 */
public final class BackupScope {

    /**
     * Left out: the GridFS bucket of stored files (backups and reports; backing them up would nest backups), the
     * instances' heartbeats, cluster state and published timers, the change feed, daily claims, the schema version and migration lease
     * (a restore keeps the store's), and the execution counts, which a restore rebuilds from the buckets.
     */
    static final Set<String> EXCLUDED = Set.of("scheduler_instances", "scheduler_state", "scheduler_changes",
            "scheduler_housekeeping", "scheduler_schema", "scheduler_execution_counts", "scheduler_execution_buckets",
            "scheduler_timer_snapshots");
    static final String FILES_PREFIX = "texium_files.";

    private BackupScope() {
    }

    public static boolean includes(String collection) {
        return collection != null && !collection.isBlank() && !collection.startsWith("system.")
                && !collection.startsWith(FILES_PREFIX) && !EXCLUDED.contains(collection);
    }
}
