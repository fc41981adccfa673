package io.texium.scheduler.executions.control;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.texium.scheduler.executions.entity.NotificationAttempt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Adds to an ended execution, in its bucket, the attempts to tell someone of it ({@code notifications}): appended
 * with {@code $push}, so that attempts recorded by several threads or instances all stay.
 */
@ApplicationScoped
public class ExecutionNotes {

    static final String FIELD = "notifications";

    @Inject
    ExecutionBuckets buckets;

    /** Appends the attempts to the execution's {@code notifications}; an execution removed meanwhile is left alone. */
    public void add(String executionId, List<NotificationAttempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        List<Document> documents = attempts.stream().map(ExecutionNotes::document).toList();
        buckets.read(ExecutionBucket.ofId(executionId)).updateOne(Filters.eq("_id", new ObjectId(executionId)),
                Updates.pushEach(FIELD, documents));
    }

    private static Document document(NotificationAttempt a) {
        Document d = new Document("channel", a.channel()).append("target", a.target()).append("ok", a.ok());
        if (a.error() != null) {
            d.append("error", a.error());
        }
        return d.append("at", a.at() == null ? null : Date.from(a.at()));
    }

    /** The attempts an execution document holds, or null for none. */
    static List<NotificationAttempt> attempts(Object stored) {
        if (!(stored instanceof List<?> items) || items.isEmpty()) {
            return null;
        }
        List<NotificationAttempt> attempts = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Document d) {
                Date at = d.getDate("at");
                attempts.add(new NotificationAttempt(d.getString("channel"), d.getString("target"),
                        Boolean.TRUE.equals(d.getBoolean("ok")), d.getString("error"), at == null ? null : at.toInstant()));
            }
        }
        return attempts;
    }
}
