package io.texium.scheduler.users.control;

import io.texium.scheduler.users.entity.User;
import jakarta.data.repository.CrudRepository;
import jakarta.data.repository.Repository;

/** Users by id in {@code users}; lookups by name and paged reads go through {@link UserQueries}. */
@Repository(provider = "Eclipse JNoSQL")
public interface UserRepository extends CrudRepository<User, String> {
}
