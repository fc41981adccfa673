package io.texium.scheduler.upgrade;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.texium.scheduler.platform.DuplicateKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * The right to migrate the store, so that instances started together do not migrate it side by side: the document
 * {@code migration_lease} of {@code scheduler_schema}, with its owner (an instance id) and an expiry, taken by one
 * conditional upsert. It is free when missing, released or expired, so an instance that died while migrating is
 * replaced once its lease ran out. The owner writes the expiry by its clock and the others compare it with theirs:
 * the time-to-live is far longer than the skew between hosts that keep their time.
 */
final class MigrationLease {

    static final String ID = "migration_lease";

    private final MongoCollection<Document> schema;
    private final Clock clock;
    private final String owner;
    private final String hostname;
    private final Duration ttl;

    /** The instance that holds the lease, as stored. */
    record Holder(String owner, String hostname, Instant expiresAt) {
    }

    MigrationLease(MongoDatabase db, Clock clock, String owner, String hostname, Duration ttl) {
        this.schema = db.getCollection(SchemaVersion.COLLECTION);
        this.clock = clock;
        this.owner = owner;
        this.hostname = hostname;
        this.ttl = ttl;
    }

    /** Takes the lease when it is free or already this owner's; false while another instance holds it. */
    boolean take() {
        Instant now = clock.instant();
        try {
            // held by another and not expired: nothing matches, and the upsert collides with the lease's _id
            schema.updateOne(Filters.and(Filters.eq("_id", ID),
                            Filters.or(Filters.eq("owner", owner), Filters.lt("expires_at", Date.from(now)))),
                    Updates.combine(Updates.set("owner", owner), Updates.set("hostname", hostname),
                            Updates.set("taken_at", Date.from(now)), Updates.set("expires_at", Date.from(now.plus(ttl)))),
                    new UpdateOptions().upsert(true));
            return true;
        } catch (MongoException e) {
            if (DuplicateKeys.in(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Moves the expiry a time-to-live from now; false when another instance took the lease over meanwhile. */
    boolean renew() {
        return schema.updateOne(Filters.and(Filters.eq("_id", ID), Filters.eq("owner", owner)),
                Updates.set("expires_at", Date.from(clock.instant().plus(ttl)))).getMatchedCount() == 1;
    }

    /** Frees the lease at once, if this owner still holds it. */
    void release() {
        schema.deleteOne(Filters.and(Filters.eq("_id", ID), Filters.eq("owner", owner)));
    }

    Optional<Holder> holder() {
        return Optional.ofNullable(schema.find(Filters.eq("_id", ID)).first()).map(d -> new Holder(
                d.getString("owner"), d.getString("hostname"), d.getDate("expires_at").toInstant()));
    }

    /** How often the owner renews while it migrates: often enough that two renewals may fail before it expires. */
    Duration renewEvery() {
        return ttl.dividedBy(4);
    }
}
