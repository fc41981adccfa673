package io.texium.scheduler.executions.control;

import io.texium.scheduler.executions.entity.Execution;
import jakarta.data.repository.CrudRepository;
import jakarta.data.repository.Repository;

/** Executions by id in {@code scheduler_executions}; filtered and paged reads go through {@link ExecutionQueries}. */
@Repository(provider = "Eclipse JNoSQL")
public interface ExecutionRepository extends CrudRepository<Execution, String> {
}
