package io.texium.scheduler.security.control;

import io.texium.scheduler.security.entity.ApiToken;
import jakarta.data.repository.CrudRepository;
import jakarta.data.repository.Repository;

/** API tokens by id in {@code api_tokens}. */
@Repository(provider = "Eclipse JNoSQL")
public interface ApiTokenRepository extends CrudRepository<ApiToken, String> {
}
