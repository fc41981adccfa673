package io.texium.scheduler.users.control;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.texium.scheduler.platform.Page;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.platform.Paging;
import io.texium.scheduler.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.eclipse.jnosql.databases.mongodb.mapping.MongoDBTemplate;

/**
 * Filtered reads and counts of {@code users}: the paged list, and whether any user or another active admin exists.
 * Lookups by id, name and e-mail are {@link UserRepository}'s.
 */
@ApplicationScoped
public class UserQueries {

    /** The collection's name, for the few writes and projections that go to the driver directly. */
    static final String COLLECTION = "users";

    @Inject
    MongoDBTemplate template;

    /** The filters of a user list; null means "any". */
    public record Filter(String userId, String role, Boolean active) {
        Bson toBson() {
            List<Bson> parts = new ArrayList<>();
            if (userId != null) {
                // an id that is no ObjectId matches nothing, rather than failing
                parts.add(Filters.eq("_id", ObjectId.isValid(userId) ? new ObjectId(userId) : userId));
            }
            if (role != null) {
                parts.add(Filters.eq("role", role));
            }
            if (active != null) {
                parts.add(Filters.eq("is_active", active));
            }
            return parts.isEmpty() ? Filters.empty() : Filters.and(parts);
        }
    }

    @Inject
    io.texium.scheduler.platform.MongoStore store;

    /** The usernames of these users, by id, in one query (a user that does not exist is left out). */
    public java.util.Map<String, String> usernames(java.util.Collection<String> userIds) {
        List<ObjectId> keys = userIds.stream().filter(id -> id != null && ObjectId.isValid(id)).distinct()
                .map(ObjectId::new).toList();
        java.util.Map<String, String> names = new java.util.HashMap<>();
        if (keys.isEmpty()) {
            return names;
        }
        for (org.bson.Document d : store.database().getCollection(COLLECTION).find(Filters.in("_id", keys))
                .projection(com.mongodb.client.model.Projections.include("username"))) {
            names.put(d.getObjectId("_id").toHexString(), d.getString("username"));
        }
        return names;
    }

    public Page<User> list(Filter filter, PageRequest page) {
        return Paging.find(template, User.class, filter.toBson(), Sorts.ascending("username"), page);
    }

    public boolean none() {
        return template.count(User.class, Filters.empty()) == 0;
    }

    /** Active admins other than the given user: zero means that user is the last one who can administer. */
    public long otherActiveAdmins(String userId) {
        return template.count(User.class, Filters.and(Filters.eq("role", User.ADMIN), Filters.eq("is_active", true),
                Filters.ne("_id", new ObjectId(userId))));
    }
}
