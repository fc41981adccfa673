package io.texium.scheduler.platform;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.logging.Logger;

/**
 * The daily work of the whole cluster (retention), done by one instance: a minute after it starts and then every
 * hour, each instance tries to claim the day in {@code scheduler_housekeeping} (document {@code daily}: the time of
 * the last run), and the one whose conditional write takes it fires {@link Daily} to the features that observe it. Each observer catches its own
 * failures, so that one cannot keep the others from their work; what a failed run left is done the next day.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());
    static final String COLLECTION = "scheduler_housekeeping";
    static final Duration DAY = Duration.ofDays(1);
    static final Duration CHECK = Duration.ofHours(1);
    /** A minute after start: an instance restarted more often than hourly still gets to the day's work. */
    static final Duration FIRST_CHECK = Duration.ofMinutes(1);

    /** The daily work is due now, on this instance only. */
    public record Daily(Instant now) {
    }

    @Inject
    MongoStore store;

    @Inject
    Background background;

    @Inject
    Clock clock;

    @Inject
    Event<Daily> daily;

    private boolean checking;

    void onStore(@Observes StoreAvailable available) {
        synchronized (this) {
            if (!checking) {
                checking = true;
                background.every(FIRST_CHECK, CHECK, "housekeeping", this::check);
            }
        }
    }

    /** Fires {@link Daily} when this instance takes the day. */
    void check() {
        Instant now = clock.instant();
        if (claim(now)) {
            LOG.info("daily housekeeping (retention) on this instance");
            daily.fire(new Daily(now));
        }
    }

    /** Whether this instance takes the day: true at most once a day across all instances sharing the store. */
    boolean claim(Instant now) {
        try {
            var result = store.database().getCollection(COLLECTION).updateOne(
                    Filters.and(Filters.eq("_id", "daily"), Filters.lte("last_run", Date.from(now.minus(DAY)))),
                    Updates.set("last_run", Date.from(now)), new UpdateOptions().upsert(true));
            return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false; // the day's document exists and is recent: another instance (or this one) took it
            }
            throw e;
        }
    }
}
