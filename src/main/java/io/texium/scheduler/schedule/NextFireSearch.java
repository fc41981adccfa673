package io.texium.scheduler.schedule;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A literal port of APScheduler 3.9.1/3.10's {@code CronTrigger.get_next_fire_time},
 * {@code _increment_field_value} and {@code _set_field_value} over {@link WallTime} and
 * {@link PytzZone} (APScheduler 3.x with pytz time zones).
 *
 * <p>Its DST behaviour follows from the port, not from a rule of its own: incrementing a field adds
 * the wall-clock difference as elapsed time and normalizes ({@code normalize(dateval + difference)}),
 * while setting a field localizes the new wall time with pytz's {@code localize(dt, is_dst=False)}.
 * So a wall time inside a spring-forward gap fires once, at the instant the pre-transition offset
 * gives it (02:30 in New York on a spring-forward day fires at 03:30 EDT), and a wall time in a
 * repeated fall-back hour that the search reaches by setting a field fires once, at the standard-time
 * (normally the second) occurrence (01:30 EST, not 01:30 EDT). A wall time that is reached only by
 * incrementing (e.g. minute 0 of an hourly schedule, or every minute of {@code minute=*}) is
 * normalized from elapsed time and so, as in APScheduler 3.9, still occurs in both passes of the hour.
 */
final class NextFireSearch {

    /**
     * An end bound. Python compares aware datetimes by instant unless both carry the same tzinfo
     * object; with pytz that means the same offset, so comparing instants is always equivalent.
     */
    record End(long epochSecond) {
    }

    private record Step(WallTime date, int fieldnum) {
    }

    private final CronField[] fields;
    private final PytzZone zone;
    private final End end;

    NextFireSearch(CronField[] fields, PytzZone zone, End end) {
        this.fields = fields;
        this.zone = zone;
        this.end = end;
    }

    /**
     * {@link #next} with one deliberate deviation from APScheduler 3.9: the result is never before
     * {@code startEpochSecond}. Where pytz's {@code localize} takes the first occurrence of a repeated
     * hour (zones with negative DST, e.g. Europe/Dublin on its October change, see {@link PytzZone})
     * and the search is already in the second pass of that hour, the port lands on the earlier
     * instant again: APScheduler 3.9 returns a fire time before {@code now} (equal to the previous
     * one, so its scheduler's run-time loop never ends). We then resume the search where the
     * repeated hour ends, so such a wall time fires once, at its first occurrence.
     */
    WallTime nextAtOrAfter(long startEpochSecond) {
        long from = startEpochSecond;
        WallTime next = next(from);
        while (next != null && next.epochSecond() < startEpochSecond) {
            from = Math.max(from + 1, zone.endOfRepeatedHour(next));
            next = next(from);
        }
        return next;
    }

    /** The first fire time at or after {@code startEpochSecond} (already rounded up to a whole second), or null. */
    WallTime next(long startEpochSecond) {
        WallTime nextDate = zone.fromUtc(startEpochSecond);
        int fieldnum = 0;
        while (fieldnum >= 0 && fieldnum < fields.length) {
            CronField field = fields[fieldnum];
            int current = field.kind().value(nextDate.wall());
            Integer nextValue = field.nextValue(nextDate.wall());
            if (nextValue == null) {
                Step step = increment(nextDate, fieldnum - 1);
                if (step == null) {
                    return null;
                }
                nextDate = step.date();
                fieldnum = step.fieldnum();
            } else if (nextValue > current) {
                if (field.kind().real) {
                    nextDate = set(nextDate, fieldnum, nextValue);
                    fieldnum++;
                } else {
                    Step step = increment(nextDate, fieldnum);
                    if (step == null) {
                        return null;
                    }
                    nextDate = step.date();
                    fieldnum = step.fieldnum();
                }
            } else {
                fieldnum++;
            }
            if (end != null && isAfterEnd(nextDate)) {
                return null;
            }
        }
        return fieldnum >= 0 ? nextDate : null;
    }

    boolean isAfterEnd(WallTime date) {
        return date.epochSecond() > end.epochSecond();
    }

    /**
     * Increments the given field and resets the less significant ones to their minimum; null when
     * the walk runs past the year field (APScheduler then ends with a negative fieldnum: no fire).
     */
    private Step increment(WallTime dateval, int fieldnum) {
        int[] values = new int[fields.length];
        LocalDateTime wall = dateval.wall();
        int i = 0;
        while (i < fields.length) {
            if (fieldnum < 0) {
                return null;
            }
            FieldKind kind = fields[i].kind();
            if (!kind.real) {
                if (i == fieldnum) {
                    fieldnum--;
                    i--;
                } else {
                    i++;
                }
                continue;
            }
            if (i < fieldnum) {
                values[i] = kind.value(wall);
                i++;
            } else if (i > fieldnum) {
                values[i] = kind.min;
                i++;
            } else {
                int value = kind.value(wall);
                if (value == kind.max(wall)) {
                    fieldnum--;
                    i--;
                } else {
                    values[i] = value + 1;
                    i++;
                }
            }
        }
        LocalDateTime target = toDateTime(values);
        long difference = target.toEpochSecond(ZoneOffset.UTC) - wall.toEpochSecond(ZoneOffset.UTC);
        // normalize(dateval + difference): the offset is kept for the addition, then re-read from the instant.
        return new Step(zone.fromUtc(dateval.epochSecond() + difference), fieldnum);
    }

    private WallTime set(WallTime dateval, int fieldnum, int newValue) {
        int[] values = new int[fields.length];
        LocalDateTime wall = dateval.wall();
        for (int i = 0; i < fields.length; i++) {
            FieldKind kind = fields[i].kind();
            if (kind.real) {
                values[i] = i < fieldnum ? kind.value(wall) : i > fieldnum ? kind.min : newValue;
            }
        }
        return zone.localize(toDateTime(values));
    }

    private static LocalDateTime toDateTime(int[] v) {
        return LocalDateTime.of(v[FieldKind.YEAR.ordinal()], v[FieldKind.MONTH.ordinal()], v[FieldKind.DAY.ordinal()],
                v[FieldKind.HOUR.ordinal()], v[FieldKind.MINUTE.ordinal()], v[FieldKind.SECOND.ordinal()]);
    }
}
