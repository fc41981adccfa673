package io.texium.scheduler.upgrade;

import io.texium.scheduler.cluster.control.Instances;
import io.texium.scheduler.platform.Background;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.platform.StoreAvailable;
import io.texium.scheduler.platform.StoreNotReady;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings the stored data to the schema this build expects before anything else uses the store: the first observer of
 * {@link StoreAvailable}. The pending {@link Migration}s run in version order, each recorded in {@link SchemaVersion}
 * as soon as it succeeded, by the one instance that holds the {@link MigrationLease}. Until the version is current
 * this instance answers {@link StoreNotReady}, so no index, heartbeat, timer or first admin comes before it: while
 * another instance migrates it waits (and takes over once that one's lease expired); after a failure, which leaves the
 * version where it was, it tries again a minute later, or at the next start.
 */
@ApplicationScoped
public class SchemaUpgrade {

    private static final Logger LOG = Logger.getLogger(SchemaUpgrade.class.getName());
    /** The observer priority: first of all. */
    static final int PRIORITY = 10;
    static final Duration LEASE_TTL = Duration.ofSeconds(60);
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    @Inject
    Instance<Migration> migrations;

    @Inject
    MongoStore store;

    @Inject
    Instances instances;

    @Inject
    Background background;

    @Inject
    Clock clock;

    MigrationPlan plan;
    private volatile boolean current;
    private Instant retryAt = Instant.MIN;
    private String failure;

    @PostConstruct
    void plan() {
        plan = new MigrationPlan(migrations.stream().toList());
    }

    void onStore(@Observes @Priority(PRIORITY) StoreAvailable available) {
        if (!current) {
            upgrade();
        }
    }

    /** Runs the pending migrations here, or throws {@link StoreNotReady} while they cannot run here yet. */
    synchronized void upgrade() {
        var version = new SchemaVersion(store.database());
        if (plan.after(version.current()).isEmpty()) {
            upToDate(version.current());
            return;
        }
        if (clock.instant().isBefore(retryAt)) {
            throw new StoreNotReady(failure + "; next attempt at " + retryAt);
        }
        var lease = new MigrationLease(store.database(), clock, instances.id(), instances.hostname(), LEASE_TTL);
        if (!lease.take()) {
            throw new StoreNotReady(lease.holder().map(h -> "instance " + h.owner() + " (" + h.hostname() + ")")
                    .orElse("another instance") + " is upgrading the schema to version " + plan.latest() + "; waiting");
        }
        Future<?> renewal = background.every(lease.renewEvery(), "schema migration lease", () -> {
            if (!lease.renew()) {
                LOG.warning("another instance took over the schema migration lease; this one finishes its step");
            }
        });
        try {
            // read again under the lease: the instance that held it before may have finished meanwhile
            for (Migration step : plan.after(version.current())) {
                apply(step, version);
            }
            upToDate(version.current());
        } finally {
            renewal.cancel(false);
            lease.release();
        }
    }

    private void apply(Migration step, SchemaVersion version) {
        String name = "schema migration " + step.version() + " (" + step.description() + ")";
        LOG.info(() -> name + " starts");
        Instant started = clock.instant();
        try {
            step.apply();
        } catch (RuntimeException e) {
            retryAt = clock.instant().plus(RETRY_AFTER);
            failure = name + " failed: " + e;
            LOG.log(Level.SEVERE, name + " FAILED. The stored data stays at schema version " + version.current()
                    + " and the scheduler stays not ready (no timer is armed); the step is tried again at " + retryAt
                    + " or at the next start", e);
            throw new StoreNotReady(failure + "; next attempt at " + retryAt);
        }
        Instant ended = clock.instant();
        boolean first = version.record(step, ended, Duration.between(started, ended), instances.id());
        LOG.info(() -> name + " applied in " + Duration.between(started, ended).toMillis() + " ms"
                + (first ? "" : "; another instance had recorded it already"));
    }

    /** The schema version of the stored data, as recorded now. */
    public int storedVersion() {
        return new SchemaVersion(store.database()).current();
    }

    private void upToDate(int version) {
        if (version > plan.latest()) {
            LOG.warning(() -> "the stored data is at schema version " + version + ", newer than this build knows ("
                    + plan.latest() + "): an instance of a newer version upgraded it; upgrade this one too");
        } else {
            LOG.info(() -> "the stored data is at schema version " + version);
        }
        current = true;
    }
}
