package io.texium.scheduler.audit.control;

import io.texium.scheduler.audit.entity.AuditEntry;
import jakarta.data.repository.CrudRepository;
import jakarta.data.repository.Repository;

/** Audit entries by id in {@code scheduler_audit}; filtered and paged reads go through {@link AuditQueries}. */
@Repository(provider = "Eclipse JNoSQL")
public interface AuditRepository extends CrudRepository<AuditEntry, String> {
}
