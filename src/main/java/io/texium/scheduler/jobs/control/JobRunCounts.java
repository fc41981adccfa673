package io.texium.scheduler.jobs.control;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.texium.scheduler.platform.MongoStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The run statistics of jobs ({@code total_executions}, {@code last_run_time}, {@code next_run_time}), written
 * for many runs at once with {@code $inc} and {@code $max}, so concurrent runs on any instance never lose a count.
 */
@ApplicationScoped
public class JobRunCounts {

    @Inject
    MongoStore store;

    @Inject
    JobSchedules schedules;

    /** The runs of one job that started since the last write. */
    public record Runs(String jobId, long count, Instant lastStarted) {
    }

    /** Adds the runs in one round trip; the next run time follows the latest start. */
    public void add(Collection<Runs> runs) {
        if (runs.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Runs r : runs) {
            if (!ObjectId.isValid(r.jobId())) {
                continue;
            }
            List<org.bson.conversions.Bson> updates = new ArrayList<>(List.of(
                    Updates.inc("total_executions", r.count()),
                    Updates.max("last_run_time", Date.from(r.lastStarted()))));
            schedules.cached(r.jobId()).ifPresent(schedule -> updates.add(Updates.set("next_run_time",
                    schedule.nextFireTime(r.lastStarted()).map(ZonedDateTime::toInstant).map(Date::from).orElse(null))));
            writes.add(new UpdateOneModel<>(Filters.eq("_id", new ObjectId(r.jobId())), Updates.combine(updates)));
        }
        if (!writes.isEmpty()) {
            store.database().getCollection(JobDocuments.COLLECTION).bulkWrite(writes,
                    new com.mongodb.client.model.BulkWriteOptions().ordered(false));
        }
    }
}
