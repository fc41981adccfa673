package io.texium.scheduler.audit.control;

import com.mongodb.client.model.Filters;
import io.texium.scheduler.audit.entity.AuditEntry;
import io.texium.scheduler.platform.Housekeeping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jnosql.databases.mongodb.mapping.MongoDBTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Once a day (on one instance): deletes the audit entries older than {@code texium.retention.audit-days}; 0 keeps them all. */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());

    @Inject
    @ConfigProperty(name = "texium.retention.audit-days", defaultValue = "365")
    int days;

    @Inject
    MongoDBTemplate template;

    void onDaily(@Observes Housekeeping.Daily daily) {
        if (days <= 0) {
            return;
        }
        try {
            deleteBefore(daily.now().minus(Duration.ofDays(days)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not delete the audit entries older than " + days + " days; trying again tomorrow", e);
        }
    }

    /** Deletes the entries made before {@code instant}; returns how many. */
    public long deleteBefore(Instant instant) {
        long deleted = template.delete(AuditEntry.class, Filters.lt("time", Date.from(instant)));
        LOG.info(() -> "deleted " + deleted + " audit entries made before " + instant);
        return deleted;
    }
}
