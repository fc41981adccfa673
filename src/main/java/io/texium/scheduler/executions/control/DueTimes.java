package io.texium.scheduler.executions.control;

import io.texium.scheduler.schedule.CronSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which due times of a schedule one timeout stands for. Payara delivers a calendar timeout somewhat after its due
 * second and computes the next expiry from the moment it delivers, so a per-second timer can skip a second under
 * load; the timer's next expiry tells which due second a late timeout belongs to, and the fires skipped since the
 * last one handled are caught up. A timer wider than its schedule fires at times the schedule does not contain:
 * those stand for nothing.
 */
final class DueTimes {

    /** How late a timer may fire and still be matched to its due time. */
    static final Duration LATENESS = Duration.ofSeconds(60);
    /** How early a timer may fire (clock granularity) and still be matched to its due time, when nothing better is known. */
    static final Duration EARLINESS = Duration.ofMillis(50);
    /** How many skipped fires one timeout may catch up. */
    static final int MAX_CATCH_UP = 10;

    private DueTimes() {
    }

    /**
     * The due times one timeout stands for, oldest first: the fire it was due for, and the fires of the schedule
     * since {@code lastSeen} that the timer skipped (at most {@value #MAX_CATCH_UP}). {@code lastSeen} is the latest
     * due time handled for the job, or the moment its timer was armed; null stands for the due fire only.
     */
    static List<Instant> of(CronSchedule schedule, Instant lastSeen, Instant firedAt, Instant nextTimeout) {
        Instant upper = bound(firedAt, nextTimeout);
        Instant floor = firedAt.minus(LATENESS);
        // nothing at or before lastSeen is due again, so the search starts there (one step for a timer on time)
        Instant from = lastSeen != null && lastSeen.isAfter(floor) ? lastSeen : floor;
        Optional<ZonedDateTime> latest = schedule.latestFireTimeBetween(from, upper);
        if (latest.isEmpty()) {
            return List.of(); // handled already, or a wider timer's timeout that the schedule does not contain
        }
        Instant newest = latest.get().toInstant();
        if (lastSeen == null) {
            return List.of(newest);
        }
        List<Instant> due = new ArrayList<>();
        for (Instant t = from; ; ) {
            Optional<ZonedDateTime> next = schedule.nextFireTime(t);
            if (next.isEmpty() || next.get().toInstant().isAfter(newest)) {
                break;
            }
            t = next.get().toInstant();
            due.add(t);
        }
        return due.size() > MAX_CATCH_UP ? due.subList(due.size() - MAX_CATCH_UP, due.size()) : due;
    }

    /**
     * The latest instant the fire's due time can be: before the timer's next expiry, which Payara has already moved
     * on when the callback runs. Only when the timer has no next expiry, or has not advanced past this fire, does the
     * fire instant bound it.
     */
    static Instant bound(Instant firedAt, Instant nextTimeout) {
        if (nextTimeout != null && nextTimeout.isAfter(firedAt)) {
            return nextTimeout.truncatedTo(ChronoUnit.SECONDS).minusNanos(1);
        }
        return firedAt.plus(EARLINESS);
    }
}
