package io.texium.scheduler.executions.control;

import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.jobs.entity.Job;
import java.util.Comparator;

/** A claimed execution with the job as stored when it was claimed: what a worker runs. */
record Run(Execution execution, Job job) {

    /** Due order: the oldest scheduled time first, then by id, so that equal times keep a stable order. */
    static final Comparator<Run> DUE_ORDER = Comparator
            .comparing((Run r) -> r.execution().scheduledTime())
            .thenComparing(r -> r.execution().id());
}
