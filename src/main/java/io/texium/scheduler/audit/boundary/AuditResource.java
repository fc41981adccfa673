package io.texium.scheduler.audit.boundary;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.audit.control.AuditLog;
import io.texium.scheduler.audit.control.AuditQueries;
import io.texium.scheduler.platform.Envelopes;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.platform.QueryParams;
import io.texium.scheduler.problems.InvalidRequestException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Locale;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log API: who changed which job, user, server or token; a user sees the entries about what they own. */
@Path("scheduler/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class AuditResource {

    @Inject
    AuditQueries queries;

    @Inject
    Caller caller;

    @GET
    @Operation(operationId = "listAuditEvents", summary = "List audit entries", description = "Newest first; filters combine with AND; since is "
            + "inclusive, until exclusive (ISO-8601). A user sees only entries about their own objects.")
    public Envelopes.Many<AuditEntryView> list(@QueryParam("page") String page, @QueryParam("page_size") String pageSize,
                                               @QueryParam("job_id") String jobId, @QueryParam("actor") String actor,
                                               @QueryParam("event") String event,
                                               @QueryParam("target_type") String targetType,
                                               @QueryParam("target_id") String targetId,
                                               @QueryParam("since") String since, @QueryParam("until") String until) {
        Instant from = QueryParams.instant("since", since);
        Instant to = QueryParams.instant("until", until);
        if (from != null && to != null && !to.isAfter(from)) {
            throw new InvalidRequestException("until", "must be after since");
        }
        var filter = new AuditQueries.Filter(caller.admin() ? null : caller.id(), id("job_id", jobId),
                blankToNull(actor), QueryParams.oneOf("event", event, AuditLog.EVENTS),
                QueryParams.oneOf("target_type", targetType, AuditLog.TARGET_TYPES), blankToNull(targetId), from, to);
        return Envelopes.many(queries.list(filter, PageRequest.of(page, pageSize)).map(AuditEntryView::of));
    }

    static String id(String name, String value) {
        String id = blankToNull(value);
        if (id != null && !ObjectId.isValid(id)) {
            throw new InvalidRequestException(name, "must be an id of 24 hex digits, got '" + value + "'");
        }
        return id == null ? null : id.toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
