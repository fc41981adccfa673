package io.texium.scheduler.users.control;

import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.texium.scheduler.cluster.control.ChangeFeed;
import io.texium.scheduler.cluster.control.Changed;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.platform.StoreAvailable;
import io.texium.scheduler.users.entity.User;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;

/**
 * The ids of the users who are not active, in memory on every instance, so that the timers and the run pipeline can
 * ask about each job's owner without a store read. Loaded when the store answers; changed by {@link Users} right
 * after it stores a user; learned from the change feed within about a second when another instance stored the
 * change; and read again from the store by every reconcile of the timers (each minute), which repairs a missed
 * feed entry. A user's flag that flips here is announced as a {@link UserActivation}.
 */
@ApplicationScoped
public class InactiveUsers {

    private static final Logger LOG = Logger.getLogger(InactiveUsers.class.getName());
    static final String FEED_KIND = "user";

    @Inject
    MongoStore store;

    @Inject
    UserRepository repository;

    @Inject
    ChangeFeed changes;

    @Inject
    Event<UserActivation> activations;

    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    /** Before the timers are armed (priority 300), so that no inactive user's job gets one. */
    void onStore(@Observes @Priority(200) StoreAvailable available) {
        try {
            reload();
        } catch (MongoException e) {
            LOG.log(Level.WARNING, "could not read the inactive users; the next reconcile reads them", e);
        }
    }

    /** Another instance stored a user: learn its flag as stored now (a deleted user's jobs are gone with it). */
    void onChange(@Observes Changed change) {
        if (change.restored()) {
            reload();
        } else if (FEED_KIND.equals(change.kind())) {
            repository.findById(change.id()).ifPresent(this::learn);
        }
    }

    /** A user was stored here: keep its flag and, when it flipped, tell the other instances. */
    void stored(User user) {
        if (learn(user)) {
            changes.publish(FEED_KIND, user.id());
        }
    }

    public boolean contains(String userId) {
        return userId != null && ids.contains(userId);
    }

    /**
     * Reads the inactive users' ids from the store and keeps them. Under the same lock as {@link #learn}, so a read
     * that began before a user's change was stored cannot undo what was learned from it afterwards.
     *
     * @return the ids, as read
     */
    public Set<String> reload() {
        synchronized (ids) {
            Set<String> fresh = new HashSet<>();
            for (Document d : store.database().getCollection(UserQueries.COLLECTION)
                    .find(Filters.eq("is_active", false)).projection(Projections.include("_id"))) {
                fresh.add(d.getObjectId("_id").toHexString());
            }
            ids.retainAll(fresh);
            ids.addAll(fresh);
            return fresh;
        }
    }

    /** Keeps the user's flag; a flip is announced outside the lock (its observers take the timers' lock). */
    private boolean learn(User user) {
        boolean flipped;
        synchronized (ids) {
            flipped = user.active() ? ids.remove(user.id()) : ids.add(user.id());
        }
        if (flipped) {
            activations.fire(new UserActivation(user.id(), user.active()));
        }
        return flipped;
    }
}
