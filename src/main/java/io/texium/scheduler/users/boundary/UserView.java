package io.texium.scheduler.users.boundary;

import io.texium.scheduler.users.entity.User;
import java.time.Instant;

/** A user as the API shows it: never the password or its hash. */
public record UserView(String id, String userId, String username, String email, String fullName, String role,
                       boolean isActive, Instant createdAt, Instant updatedAt) {

    static UserView of(User user) {
        return new UserView(user.id(), user.id(), user.username(), user.email(), user.fullName(), user.role(),
                user.active(), user.createdAt(), user.updatedAt());
    }
}
