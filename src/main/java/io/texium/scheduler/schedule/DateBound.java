package io.texium.scheduler.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A start_date or end_date: an ISO-8601 offset date-time, a local date-time or a date, local values
 * being in the schedule's zone (APScheduler 3.9's convert_to_datetime + pytz {@code localize(dt,
 * is_dst=False)}, see {@link PytzZone}: a local time in a gap takes the offset before the gap, i.e.
 * it moves forward; a repeated one means its standard-time occurrence, normally the second).
 * {@code wallTime} is the bound's normalized wall time in the schedule's zone. A bound lies in the years a
 * schedule fires in (1970..9999, of the instant in UTC or of the local date): far beyond them the timer's
 * {@code java.util.Date} overflows.
 */
record DateBound(Instant instant, WallTime wallTime) {

    /** Parses {@code text}; a problem is added to {@code errors} under {@code restField} and null returned. */
    static DateBound parse(String text, ZoneId zone, String restField, List<FieldError> errors) {
        String value = text.strip();
        if (value.length() > 10 && value.charAt(10) == ' ') {
            value = value.substring(0, 10) + 'T' + value.substring(11);
        }
        PytzZone tz = new PytzZone(zone);
        try {
            Instant instant = OffsetDateTime.parse(value).toInstant();
            if (!inYears(instant.atOffset(ZoneOffset.UTC).getYear(), text, restField, errors)) {
                return null;
            }
            return new DateBound(instant, tz.fromUtc(instant.getEpochSecond()));
        } catch (DateTimeParseException ignored) {
            // not an offset date-time, try the local forms
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(value);
        } catch (DateTimeParseException e) {
            try {
                local = LocalDate.parse(value).atStartOfDay();
            } catch (DateTimeParseException e2) {
                errors.add(new FieldError(restField, "'" + text + "' is not an ISO-8601 date-time (2030-01-31T09:00:00+01:00),"
                        + " local date-time (2030-01-31T09:00:00) or date (2030-01-31)"));
                return null;
            }
        }
        if (!inYears(local.getYear(), text, restField, errors)) {
            return null;
        }
        long epochSecond = tz.localize(local.withNano(0)).epochSecond();
        return new DateBound(Instant.ofEpochSecond(epochSecond, local.getNano()), tz.fromUtc(epochSecond));
    }

    private static boolean inYears(int year, String text, String restField, List<FieldError> errors) {
        if (year >= FieldKind.YEAR.min && year <= FieldKind.YEAR.max) {
            return true;
        }
        errors.add(new FieldError(restField, "'" + text + "' lies outside the years " + FieldKind.YEAR.min + " to " + FieldKind.YEAR.max));
        return false;
    }

    NextFireSearch.End asEnd() {
        // Fire times are whole seconds, so a fractional end second compares like its floor.
        return new NextFireSearch.End(instant.getEpochSecond());
    }
}
