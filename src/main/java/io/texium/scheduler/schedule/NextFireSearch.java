package io.texium.scheduler.schedule;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * A literal port of APScheduler 3.11's {@code CronTrigger.get_next_fire_time},
 * {@code _increment_field_value} and {@code _set_field_value} over {@link WallTime}.
 *
 * <p>Its DST behaviour follows from the port, not from a rule of its own: incrementing a field adds
 * the wall-clock difference as elapsed time in UTC and re-reads the wall clock, while setting a
 * field builds the wall time directly (keeping the current fold). So a wall time inside a
 * spring-forward gap fires once, at the instant the pre-transition offset gives it (02:30 in New
 * York on a spring-forward day fires at 03:30 EDT), and a wall time in a repeated fall-back hour
 * fires at both occurrences (01:30 EDT and 01:30 EST).
 */
final class NextFireSearch {

    /** An end bound: compared by wall clock when it is in the schedule's zone (Python compares same-tzinfo datetimes naively). */
    record End(WallTime wallTime, long epochSecond, boolean sameZone) {
    }

    private record Step(WallTime date, int fieldnum) {
    }

    private final CronField[] fields;
    private final ZoneRules rules;
    private final End end;

    NextFireSearch(CronField[] fields, ZoneRules rules, End end) {
        this.fields = fields;
        this.rules = rules;
        this.end = end;
    }

    /** The first fire time at or after {@code startEpochSecond} (already rounded up to a whole second), or null. */
    WallTime next(long startEpochSecond) {
        WallTime nextDate = WallTime.ofEpochSecond(startEpochSecond, rules);
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
        return end.sameZone() ? date.wall().isAfter(end.wallTime().wall()) : date.epochSecond(rules) > end.epochSecond();
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
        return new Step(WallTime.ofEpochSecond(dateval.epochSecond(rules) + difference, rules), fieldnum);
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
        return new WallTime(toDateTime(values), dateval.fold());
    }

    private static LocalDateTime toDateTime(int[] v) {
        return LocalDateTime.of(v[FieldKind.YEAR.ordinal()], v[FieldKind.MONTH.ordinal()], v[FieldKind.DAY.ordinal()],
                v[FieldKind.HOUR.ordinal()], v[FieldKind.MINUTE.ordinal()], v[FieldKind.SECOND.ordinal()]);
    }
}
