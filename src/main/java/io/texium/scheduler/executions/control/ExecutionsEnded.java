package io.texium.scheduler.executions.control;

import io.texium.scheduler.executions.entity.Execution;
import java.util.List;

/**
 * Executions whose outcome was just written (ended runs, {@code missed} and {@code skipped} entries), fired
 * synchronously on the thread that wrote them: an observer must only take them in hand, never do I/O there.
 */
public record ExecutionsEnded(List<Execution> executions) {
}
