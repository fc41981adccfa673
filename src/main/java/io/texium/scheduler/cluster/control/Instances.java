package io.texium.scheduler.cluster.control;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.texium.scheduler.platform.Background;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.platform.StoreAvailable;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This server process as one instance among those sharing the store ({@code scheduler_instances}): its own id
 * (not the hostname: two instances may share a host, a restarted pod gets a new name), a heartbeat written in the
 * store's time, and the detection of instances whose heartbeat stopped. Times are compared in the store's clock
 * only, never a host's. After a store outage, which stops every heartbeat, no instance is declared lost until this
 * one has beaten for a whole time-to-live again, so that the others had their chance to beat too.
 */
@ApplicationScoped
public class Instances {

    private static final Logger LOG = Logger.getLogger(Instances.class.getName());
    static final String COLLECTION = "scheduler_instances";
    static final String STATE = "scheduler_state";
    static final String CLUSTER = "cluster";

    /** The observer priority of the registry: before anything else that needs the store. */
    public static final int PRIORITY = 100;

    @Inject
    @ConfigProperty(name = "texium.instance.heartbeat-seconds", defaultValue = "5")
    int heartbeatSeconds;

    @Inject
    @ConfigProperty(name = "texium.instance.ttl-seconds", defaultValue = "30")
    int ttlSeconds;

    /** How many live instances arm each job's timer (rendezvous hashing); 1 spreads the most, 2 leaves no gap on a loss. */
    @Inject
    @ConfigProperty(name = "texium.instance.owners", defaultValue = "2")
    int ownerCount;

    @Inject
    MongoStore store;

    @Inject
    Background background;

    @Inject
    Event<InstanceGone> gone;

    @Inject
    Event<MembersChanged> membersChanged;

    @Inject
    ChangeFeed changes;

    private final String id = Ids.newId();
    private final String hostname = localHostname();
    private final Instant startedAt = Instant.now();
    private volatile Instant storeNow;
    private volatile Instant trustedFrom;
    private volatile Downtime downtime;
    private volatile boolean stopped;
    private boolean beating;
    /** Whether this instance armed its timers (then the others count it as an owner). */
    private volatile boolean timersArmed;
    /** The instances that hold timers, this one always among them; until the first beat, this one alone. */
    private volatile Owners owners;

    private volatile IntSupplier stuckThreads = () -> 0;

    /**
     * One instance as the registry shows it; {@code stuckThreads}: its threads still in a job whose run was ended
     * (timeout, cancel), as of its last heartbeat (this instance's: now).
     */
    public record Instance(String id, String hostname, Instant startedAt, Instant heartbeatAt, int ttlSeconds,
                           String state, boolean self, int stuckThreads) {
    }

    /**
     * The owners of the jobs' timers as this instance sees them now: itself, and every other instance that armed
     * its timers and beats within its time-to-live.
     */
    public Owners owners() {
        Owners current = owners;
        if (current == null) {
            current = Owners.of(List.of(id), ownerCount);
            owners = current;
        }
        return current;
    }

    /**
     * This instance armed its timers: written at once, so that the others count it as an owner (and cancel the
     * timers it now holds in their place) only after it holds them.
     */
    public void timersArmed() {
        timersArmed = true;
        try {
            instances().updateOne(Filters.eq("_id", id), Updates.set("timers_armed", true));
            changes.publish(Changed.INSTANCES, id);
        } catch (MongoException e) {
            LOG.log(Level.FINE, "could not mark the timers armed; the next heartbeat does", e);
        }
    }

    /** Another instance joined or left: the owners change at once, not at the next beat. */
    void onChange(@Observes Changed change) {
        if (Changed.INSTANCES.equals(change.kind())) {
            refresh();
        }
    }

    /** Reads the registry again and updates the owners. */
    public void refresh() {
        Instant now = storeNow;
        if (now == null || stopped) {
            return;
        }
        try {
            updateOwners(others(), now);
        } catch (MongoException e) {
            LOG.log(Level.FINE, "could not read the registry", e);
        }
    }

    /** This instance's id, written on everything it claims or runs. */
    public String id() {
        return id;
    }

    public String hostname() {
        return hostname;
    }

    /** The store's time at this instance's last heartbeat, if it has beaten. */
    public Optional<Instant> storeNow() {
        return Optional.ofNullable(storeNow);
    }

    /** The time no instance ran before this one started, if there was one. */
    public Optional<Downtime> downtime() {
        return Optional.ofNullable(downtime);
    }

    public Duration heartbeat() {
        return Duration.ofSeconds(heartbeatSeconds);
    }

    /** Where the heartbeat reads this instance's count of stuck worker threads from. */
    public void countStuck(IntSupplier stuck) {
        stuckThreads = stuck;
    }

    public Duration ttl() {
        return Duration.ofSeconds(ttlSeconds);
    }

    void onStore(@Observes @Priority(PRIORITY) StoreAvailable available) {
        if (available.firstTime()) {
            Instant lastAlive = lastAlive();
            beat();
            if (storeNow != null && lastAlive != null && noOtherLive()) {
                downtime = new Downtime(lastAlive, storeNow);
                LOG.info(() -> "no instance ran from " + lastAlive + " to " + storeNow);
            }
        } else {
            beat();
        }
        synchronized (this) {
            if (!beating) {
                beating = true;
                background.every(Duration.ofSeconds(heartbeatSeconds), "heartbeat", this::beat);
            }
        }
    }

    /** Writes the heartbeat, learns the store's time from it, and looks for lost instances. */
    void beat() {
        if (stopped) {
            return;
        }
        try {
            instances().updateOne(Filters.eq("_id", id), Updates.combine(
                    Updates.set("hostname", hostname), Updates.set("started_at", Date.from(startedAt)),
                    Updates.set("ttl_seconds", ttlSeconds), Updates.set("state", "live"),
                    Updates.set("timers_armed", timersArmed),
                    Updates.set("stuck_threads", stuckThreads.getAsInt()),
                    Updates.inc("beats", 1L), Updates.currentDate("heartbeat_at")), new UpdateOptions().upsert(true));
            Document self = instances().find(Filters.eq("_id", id)).first();
            Instant now = self.getDate("heartbeat_at").toInstant();
            store.database().getCollection(STATE).updateOne(Filters.eq("_id", CLUSTER),
                    Updates.currentDate("last_alive"), new UpdateOptions().upsert(true));
            if (trustedFrom == null) {
                trustedFrom = now.plus(ttl());
            }
            storeNow = now;
            List<Document> others = others();
            findGone(others, now, !now.isBefore(trustedFrom));
            updateOwners(others, now);
        } catch (MongoException e) {
            trustedFrom = null;
            LOG.log(Level.FINE, "heartbeat failed", e);
        }
    }

    /**
     * Every instance that left, and (once this one's heartbeats can be trusted) every one whose heartbeat is older
     * than its time-to-live; one survivor wins each.
     */
    private void findGone(List<Document> others, Instant now, boolean trusted) {
        for (Document other : others) {
            Date beat = other.getDate("heartbeat_at");
            int ttl = other.getInteger("ttl_seconds", ttlSeconds);
            boolean left = "left".equals(other.getString("state"));
            boolean stale = beat == null || beat.toInstant().plusSeconds(ttl).isBefore(now);
            if (left || (trusted && stale)) {
                // the beat counter, not the date, fences the claim: some stores do not match a date they wrote exactly
                var claim = Filters.and(Filters.eq("_id", other.get("_id")), Filters.eq("beats", other.get("beats")));
                if (instances().deleteOne(claim).getDeletedCount() == 1) {
                    String goneId = String.valueOf(other.get("_id"));
                    LOG.warning(() -> "instance " + goneId + " on " + other.getString("hostname")
                            + (left ? " left" : " is lost (last heartbeat " + beat.toInstant() + ")")
                            + "; this instance takes over its work");
                    gone.fire(new InstanceGone(goneId, left));
                }
            }
        }
    }

    /**
     * The owners from the registry: the other instances that armed their timers, beat within their time-to-live and
     * did not leave. One whose beat is late stays an owner until this instance's own beats can be trusted (after a
     * store outage nobody could beat). A change is announced with {@link MembersChanged}.
     */
    private synchronized void updateOwners(List<Document> others, Instant now) {
        boolean trusted = trustedFrom != null && !now.isBefore(trustedFrom);
        Owners before = owners();
        List<String> members = new ArrayList<>();
        members.add(id);
        for (Document other : others) {
            String otherId = String.valueOf(other.get("_id"));
            Date beat = other.getDate("heartbeat_at");
            int ttl = other.getInteger("ttl_seconds", ttlSeconds);
            boolean fresh = beat != null && !beat.toInstant().plusSeconds(ttl).isBefore(now);
            boolean owner = Boolean.TRUE.equals(other.getBoolean("timers_armed"))
                    && "live".equals(other.getString("state"))
                    && (fresh || !trusted && before.members().contains(otherId));
            if (owner) {
                members.add(otherId);
            }
        }
        Owners after = Owners.of(members, ownerCount);
        if (!after.members().equals(before.members())) {
            owners = after;
            LOG.info(() -> "timer owners: " + after.members() + " (" + after.count() + " per job)");
            membersChanged.fire(new MembersChanged(after));
        }
    }

    private List<Document> others() {
        return instances().find(Filters.ne("_id", id)).into(new ArrayList<>());
    }

    /** Leaves the registry on shutdown: marked left, so that a survivor adopts what was handed back at once. */
    public void leave() {
        stopped = true;
        try {
            instances().updateOne(Filters.eq("_id", id), Updates.set("state", "left"));
            changes.publish(Changed.INSTANCES, id);
        } catch (MongoException e) {
            LOG.log(Level.WARNING, "could not leave the registry; the others will find this instance lost", e);
        }
    }

    /** The instances the store knows, this one first. */
    public List<Instance> list() {
        List<Instance> all = new ArrayList<>();
        for (Document doc : instances().find()) {
            String docId = String.valueOf(doc.get("_id"));
            Date started = doc.getDate("started_at");
            Date beat = doc.getDate("heartbeat_at");
            boolean self = docId.equals(id);
            all.add(new Instance(docId, doc.getString("hostname"), started == null ? null : started.toInstant(),
                    beat == null ? null : beat.toInstant(), doc.getInteger("ttl_seconds", ttlSeconds),
                    doc.getString("state"), self,
                    self ? stuckThreads.getAsInt() : doc.getInteger("stuck_threads", 0)));
        }
        all.sort((a, b) -> Boolean.compare(b.self(), a.self()));
        return all;
    }

    private Instant lastAlive() {
        try {
            Document state = store.database().getCollection(STATE).find(Filters.eq("_id", CLUSTER)).first();
            return state == null || state.getDate("last_alive") == null ? null : state.getDate("last_alive").toInstant();
        } catch (MongoException e) {
            return null;
        }
    }

    private boolean noOtherLive() {
        for (Document other : instances().find(Filters.ne("_id", id))) {
            Date beat = other.getDate("heartbeat_at");
            int ttl = other.getInteger("ttl_seconds", ttlSeconds);
            if (beat != null && !"left".equals(other.getString("state"))
                    && beat.toInstant().plusSeconds(ttl).isAfter(storeNow)) {
                return false;
            }
        }
        return true;
    }

    private MongoCollection<Document> instances() {
        return store.database().getCollection(COLLECTION);
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
