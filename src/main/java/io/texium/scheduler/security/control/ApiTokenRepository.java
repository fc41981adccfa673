package io.texium.scheduler.security.control;

import io.texium.scheduler.security.entity.ApiToken;
import jakarta.data.repository.By;
import jakarta.data.repository.CrudRepository;
import jakarta.data.repository.Find;
import jakarta.data.repository.Repository;
import java.util.List;
import java.util.Optional;

/** API tokens in {@code api_tokens} by id, by the hash of their secret (unique), and by owner. */
@Repository(provider = "Eclipse JNoSQL")
public interface ApiTokenRepository extends CrudRepository<ApiToken, String> {

    @Find
    Optional<ApiToken> byTokenHash(@By("tokenHash") String tokenHash);

    @Find
    List<ApiToken> byUser(@By("userId") String userId);
}
