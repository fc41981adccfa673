package io.texium.scheduler.users.control;

import io.texium.scheduler.access.Caller;
import io.texium.scheduler.audit.control.Auditable;
import io.texium.scheduler.problems.ConflictException;
import io.texium.scheduler.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;

/**
 * Deletes a user (admin only, never oneself). The features that keep objects for users take part through events,
 * so this package knows none of them: {@link OwnedByUser} asks what the user still owns — a conflict unless the
 * deletion cascades — and {@link UserRemoval} has each feature delete it (jobs with their timers, servers, API
 * tokens, which always go).
 */
@ApplicationScoped
public class UserDeletion {

    @Inject
    Users users;

    @Inject
    UserRepository repository;

    @Inject
    Caller caller;

    @Inject
    Event<OwnedByUser> ownership;

    @Inject
    Event<UserRemoval> removal;

    @Inject
    Event<UserEvent> events;

    public User delete(String userId, boolean cascade) {
        caller.requireAdmin();
        User user = users.find(userId);
        if (user.id().equals(caller.id())) {
            throw new ConflictException("you cannot delete yourself; another admin can");
        }
        var owned = new OwnedByUser(user.id());
        ownership.fire(owned);
        if (!cascade && owned.total() > 0) {
            throw new ConflictException("user '" + user.username() + "' owns " + owned.describe()
                    + "; delete them first, or delete with cascade=true to delete them too");
        }
        removal.fire(new UserRemoval(user.id()));
        var changes = new LinkedHashMap<>(Auditable.diff(UserSnapshot.of(user), null));
        if (owned.total() > 0) {
            owned.ordered().forEach((what, count) -> changes.put("owned_" + what + "s", new Auditable.Change(count, 0L)));
        }
        events.fire(new UserEvent(UserEvent.Kind.DELETED, user, changes));
        repository.deleteById(user.id());
        return user;
    }
}
