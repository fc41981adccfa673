package io.texium.scheduler.schedule;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * An aware Python {@code datetime} with a pytz time zone, as APScheduler 3.9/3.10 see it: wall-clock
 * fields plus the concrete UTC offset of the pytz tzinfo attached to it. The pair need not be
 * normalized: pytz's {@code localize} gives a wall time inside a spring-forward gap the offset from
 * before the gap (New York 2024-03-10 02:30-05:00, i.e. 03:30 EDT), and APScheduler keeps working
 * with that wall time. See {@link PytzZone} for how the offset is chosen.
 *
 * <p>This replaces the earlier model of APScheduler 3.11's {@code zoneinfo} datetimes (wall time
 * plus PEP 495 fold), with which a time in a repeated hour fires twice; see {@link CronSchedule}.
 */
record WallTime(LocalDateTime wall, ZoneOffset offset) {

    /** Python's {@code dt.timestamp()}. */
    long epochSecond() {
        return wall.toEpochSecond(offset);
    }
}
