package io.texium.scheduler.executions.control;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.platform.Page;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.platform.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.conversions.Bson;
import org.eclipse.jnosql.databases.mongodb.mapping.MongoDBTemplate;

/** Filtered reads of {@code scheduler_executions}, newest first, and their counts. */
@ApplicationScoped
public class ExecutionQueries {

    @Inject
    MongoDBTemplate template;

    /** The filters of an execution list; null means "any". {@code since} is inclusive, {@code until} exclusive. */
    public record Filter(String jobId, String userId, ExecutionStatus status, Instant since, Instant until) {
        Bson toBson() {
            List<Bson> parts = new ArrayList<>();
            if (jobId != null) {
                parts.add(Filters.eq("job_id", jobId));
            }
            if (userId != null) {
                parts.add(Filters.eq("user_id", userId));
            }
            if (status != null) {
                parts.add(Filters.eq("status", status.name()));
            }
            if (since != null) {
                parts.add(Filters.gte("created_at", Date.from(since)));
            }
            if (until != null) {
                parts.add(Filters.lt("created_at", Date.from(until)));
            }
            return parts.isEmpty() ? Filters.empty() : Filters.and(parts);
        }
    }

    public Page<Execution> list(Filter filter, PageRequest page) {
        return Paging.find(template, Execution.class, filter.toBson(),
                Sorts.orderBy(Sorts.descending("created_at"), Sorts.descending("_id")), page);
    }

    public long count(Filter filter) {
        return template.count(Execution.class, filter.toBson());
    }
}
