package io.texium.scheduler.executions.control;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Which running runs are past their job's {@code timeout_seconds}, decided on an injected clock. Only runs with a
 * timeout are watched, ordered by deadline, so a look costs the overdue runs and one comparison; runs without a
 * timeout cost nothing. {@link Workers} asks at each watched deadline (a wake-up scheduled per run, cancelled when
 * the run ends first).
 */
final class Watchdog {

    private final Clock clock;
    private final NavigableSet<HandedRun> byDeadline = new ConcurrentSkipListSet<>(HandedRun.DEADLINE_ORDER);

    Watchdog(Clock clock) {
        this.clock = clock;
    }

    /** Watches a started run if it has a deadline; answers whether it does. */
    boolean watch(HandedRun run) {
        return run.deadline() != null && byDeadline.add(run);
    }

    /** The run ended (or was stopped): no longer watched. */
    void forget(HandedRun run) {
        if (run.deadline() != null) {
            byDeadline.remove(run);
        }
    }

    /** Takes the runs past their deadline now off the watch, earliest first. */
    List<HandedRun> overdue() {
        var now = clock.instant();
        List<HandedRun> overdue = new ArrayList<>();
        for (HandedRun run : byDeadline) {
            if (!run.overdue(now)) {
                break;
            }
            if (byDeadline.remove(run)) {
                overdue.add(run);
            }
        }
        return overdue;
    }

    int watched() {
        return byDeadline.size();
    }
}
