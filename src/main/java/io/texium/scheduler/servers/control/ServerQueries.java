package io.texium.scheduler.servers.control;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.platform.Page;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.platform.Paging;
import io.texium.scheduler.servers.entity.Server;
import io.texium.scheduler.servers.entity.ServerCheck;
import io.texium.scheduler.servers.entity.ServerStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.eclipse.jnosql.databases.mongodb.mapping.MongoDBTemplate;

/** Filtered reads, counts and deletes of {@code servers}; lookups by id are {@link ServerRepository}'s. */
@ApplicationScoped
public class ServerQueries {

    static final String COLLECTION = "servers";

    @Inject
    MongoDBTemplate template;

    @Inject
    MongoStore store;

    /** The filters of a server list; null means "any". */
    public record Filter(String userId, ServerStatus status, String tag) {
        Bson toBson() {
            List<Bson> parts = new ArrayList<>();
            if (userId != null) {
                parts.add(Filters.eq("user_id", userId));
            }
            if (status != null) {
                parts.add(Filters.eq("status", status.name()));
            }
            if (tag != null) {
                parts.add(Filters.eq("tags", tag));
            }
            return parts.isEmpty() ? Filters.empty() : Filters.and(parts);
        }
    }

    public Page<Server> list(Filter filter, PageRequest page) {
        return Paging.find(template, Server.class, filter.toBson(),
                Sorts.orderBy(Sorts.ascending("name"), Sorts.ascending("_id")), page);
    }

    public List<Server> of(String userId) {
        return template.<Server>select(Server.class, Filters.eq("user_id", userId)).toList();
    }

    public long count(String userId) {
        return template.count(Server.class, Filters.eq("user_id", userId));
    }

    /**
     * Writes what a check of {@code checked} found on the server, only while the server still has that check: a
     * check changed (or the server deleted) meanwhile keeps what the change wrote. Only the result fields change,
     * so an edit made during the check is not overwritten. True when the result was written.
     */
    public boolean recordCheck(String serverId, ServerCheck checked, ServerChecks.Outcome outcome) {
        Bson sameCheck = Filters.and(Filters.eq("_id", new ObjectId(serverId)), Filters.eq("check_type", checked.type()),
                Filters.eq("check_url", checked.url()), Filters.eq("check_host", checked.host()),
                Filters.eq("check_port", checked.port()));
        return store.database().getCollection(COLLECTION).updateOne(sameCheck, Updates.combine(
                Updates.set("status", outcome.status().name()),
                Updates.set("last_checked_at", Date.from(outcome.checkedAt())),
                Updates.set("last_latency_ms", outcome.latencyMs()),
                Updates.set("last_error", outcome.error()))).getMatchedCount() == 1;
    }

    /** Removes what {@link #of} did not see: servers added while their owner was being deleted. */
    long deleteAll(String userId) {
        return template.delete(Server.class, Filters.eq("user_id", userId));
    }
}
