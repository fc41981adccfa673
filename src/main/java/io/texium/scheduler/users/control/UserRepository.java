package io.texium.scheduler.users.control;

import io.texium.scheduler.users.entity.User;
import jakarta.data.repository.By;
import jakarta.data.repository.CrudRepository;
import jakarta.data.repository.Find;
import jakarta.data.repository.Repository;
import java.util.Optional;

/** Users by id, name and e-mail in {@code users} (both unique); filtered and paged reads go through {@link UserQueries}. */
@Repository(provider = "Eclipse JNoSQL")
public interface UserRepository extends CrudRepository<User, String> {

    @Find
    Optional<User> byUsername(@By("username") String username);

    @Find
    Optional<User> byEmail(@By("email") String email);
}
