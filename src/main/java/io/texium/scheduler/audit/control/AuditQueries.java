package io.texium.scheduler.audit.control;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.texium.scheduler.audit.entity.AuditEntry;
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

/** Filtered reads of {@code scheduler_audit}, newest first; entries are written by {@link AuditLog}. */
@ApplicationScoped
public class AuditQueries {

    @Inject
    MongoDBTemplate template;

    /** The filters of an audit list; null means "any". {@code since} is inclusive, {@code until} exclusive. */
    public record Filter(String ownerId, String jobId, String actor, String event, String targetType,
                         String targetId, Instant since, Instant until) {
        Bson toBson() {
            List<Bson> parts = new ArrayList<>();
            addEq(parts, "owner_id", ownerId);
            addEq(parts, "job_id", jobId);
            addEq(parts, "actor", actor);
            addEq(parts, "event", event);
            addEq(parts, "target_type", targetType);
            addEq(parts, "target_id", targetId);
            if (since != null) {
                parts.add(Filters.gte("time", Date.from(since)));
            }
            if (until != null) {
                parts.add(Filters.lt("time", Date.from(until)));
            }
            return parts.isEmpty() ? Filters.empty() : Filters.and(parts);
        }

        private static void addEq(List<Bson> parts, String field, String value) {
            if (value != null) {
                parts.add(Filters.eq(field, value));
            }
        }
    }

    public Page<AuditEntry> list(Filter filter, PageRequest page) {
        return Paging.find(template, AuditEntry.class, filter.toBson(),
                Sorts.orderBy(Sorts.descending("time"), Sorts.descending("_id")), page);
    }
}
