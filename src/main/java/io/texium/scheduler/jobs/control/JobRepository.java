package io.texium.scheduler.jobs.control;

import io.texium.scheduler.jobs.entity.Job;
import jakarta.data.repository.CrudRepository;
import jakarta.data.repository.Repository;

/** Jobs by id in {@code scheduler_jobs}; filtered and paged reads go through {@link JobQueries}. */
@Repository(provider = "Eclipse JNoSQL")
public interface JobRepository extends CrudRepository<Job, String> {
}
