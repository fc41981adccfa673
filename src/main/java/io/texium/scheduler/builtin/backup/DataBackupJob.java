package io.texium.scheduler.builtin.backup;

import io.texium.scheduler.backups.control.Backups;
import io.texium.scheduler.backups.control.Manifest;
import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.jobs.spi.JobContext;
import io.texium.scheduler.jobs.spi.JobDefinition;
import io.texium.scheduler.jobs.spi.ScheduledJob;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Backs the store up into a gzip file kept in the store's GridFS, and keeps only the newest {@code keep} backups. */
@Dependent
@JobDefinition(value = "jobs.backup.DataBackupJob", name = "DataBackup",
        description = "Writes every Texium collection (jobs, executions, users with password hashes only, API token"
                + " hashes, servers, audit) to texium-<UTC time>.jsonl.gz, MongoDB Extended JSON one document per line,"
                + " kept in the store so every instance serves it; then deletes all but the newest keep backups.",
        arguments = @JobDefinition.Argument(name = "keep", type = Arguments.INTEGER, defaultValue = "7", min = 1, max = DataBackupJob.MAX_KEEP,
                description = "How many backups to keep, the newest; older ones are deleted (1 to 1000)."),
        exampleKwargs = "{\"keep\": 14}",
        notes = {"Only admins may create or run it; its owner must be an admin.",
                "Output: the manifest (documents per collection, SHA-256 of the file, schema version, created_at,"
                        + " instance) and the names deleted.",
                "Download, list and restore the backups at /api/admin/backups."},
        adminOnly = true)
public class DataBackupJob implements ScheduledJob {

    static final int MAX_KEEP = 1000;

    @Inject
    Backups backups;

    @Override
    public Object run(JobContext context) {
        long keep = context.arguments().integer("keep", 7);
        Manifest manifest = backups.create();
        List<String> deleted = backups.prune((int) keep);
        Map<String, Object> output = manifest.toMap();
        output.put("kept", keep);
        output.put("deleted", deleted);
        return output;
    }
}
