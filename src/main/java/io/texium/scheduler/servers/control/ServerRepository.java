package io.texium.scheduler.servers.control;

import io.texium.scheduler.servers.entity.Server;
import jakarta.data.repository.CrudRepository;
import jakarta.data.repository.Repository;

/** Servers by id in {@code servers}; filtered and paged reads go through {@link ServerQueries}. */
@Repository(provider = "Eclipse JNoSQL")
public interface ServerRepository extends CrudRepository<Server, String> {
}
