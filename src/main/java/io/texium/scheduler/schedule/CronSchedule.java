package io.texium.scheduler.schedule;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated job schedule whose fire times are those of APScheduler 3.9.1/3.10's {@code CronTrigger}
 * with a pytz time zone given as an IANA name (see {@link PytzZone} for the pytz semantics ported).
 *
 * <p>Fields follow APScheduler: {@code day_of_week} 0 = Monday; the fields below the least
 * significant given field default to their minimum, those above to {@code *}; week and
 * day_of_week narrow the day but are not date-time fields. A crontab line is an alternative to the
 * fields (see {@link CrontabParser}); it is converted to the equivalent fields, so day of month and
 * day of week are combined with AND, as APScheduler does, not with Vixie cron's OR.
 *
 * <p>DST, as APScheduler 3.9/3.10 with pytz do it, because the original Python service ran
 * pytz-based APScheduler 3.x, so that is what its schedules meant:
 * <ul>
 *   <li>a wall time that a spring-forward gap skips fires once, at the shifted wall time: the
 *       instant given by the offset before the change (New York, 2024-03-10 02:30 fires at
 *       03:30 EDT);</li>
 *   <li>a wall time of a repeated fall-back hour fires once, at the standard-time occurrence,
 *       normally the second one (New York, 2024-11-03 01:30 fires at 01:30 EST only; in zones
 *       whose tzdata standard time is the summer offset, i.e. negative DST as in Europe/Dublin, the
 *       first one: 01:30 IST);</li>
 *   <li>as in 3.9, that holds for wall times the search sets a field to; a time reached purely by
 *       counting on from the previous hour is not re-localized, so minute 0 of an hourly schedule
 *       (or {@code minute=*}) still fires in both passes of the repeated hour (01:00 EDT and
 *       01:00 EST), while {@code minute=30} fires at 00:30 EDT, 01:30 EST, 02:30 EST.</li>
 * </ul>
 * APScheduler 3.11 (zoneinfo, PEP 495 fold) fires a repeated wall time twice, once per occurrence;
 * we knowingly do not follow that. Knowing deviations from 3.9.1: a result is never before the
 * search start (3.9.1 can return an earlier time in negative-DST zones, see
 * {@link NextFireSearch#nextAtOrAfter}); years from 2038 keep their DST rules (pytz has none
 * there); a schedule that never fires again yields empty where 3.9.1 overflows at year 9999.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CronSchedule {

    /** Fire times lie in the years 1970..9999 (APScheduler's year range); instants outside need no search. */
    private static final long END_OF_YEAR_9999 = LocalDate.of(10000, 1, 2).toEpochSecond(LocalTime.MIDNIGHT, ZoneOffset.UTC);
    private static final long START_OF_YEAR_1 = LocalDate.of(1, 1, 2).toEpochSecond(LocalTime.MIDNIGHT, ZoneOffset.UTC);
    private static final Pattern OFFSET_ZONE = Pattern.compile("(?i)(UTC|GMT|UT)?[+-].*");

    private final CronField[] fields;
    private final ZoneId zone;
    private final PytzZone tz;
    private final DateBound start;
    private final DateBound end;
    private final String cron;
    private final NextFireSearch search;
    private final DateScan dateScan;

    private CronSchedule(CronField[] fields, ZoneId zone, DateBound start, DateBound end, String cron) {
        this.fields = fields;
        this.zone = zone;
        this.tz = new PytzZone(zone);
        this.start = start;
        this.end = end;
        this.cron = cron;
        this.search = new NextFireSearch(fields, tz, end == null ? null : end.asEnd());
        this.dateScan = new DateScan(fields);
    }

    /** Validates and compiles the schedule; every problem is reported at once in the exception. */
    public static CronSchedule parse(ScheduleSpec input) {
        List<FieldError> errors = new ArrayList<>();
        ZoneId zone = parseZone(input.timezone(), errors);
        String[] given = {input.year(), input.month(), input.dayOfMonth(), input.week(), input.dayOfWeek(),
            input.hour(), input.minute(), input.second()};
        String cron = isBlank(input.cron()) ? null : input.cron().strip();
        if (cron != null) {
            List<String> both = new ArrayList<>();
            for (FieldKind kind : FieldKind.ALL) {
                if (given[kind.ordinal()] != null) {
                    both.add(kind.restName);
                }
            }
            if (!both.isEmpty()) {
                errors.add(new FieldError("cron", "give either cron or the separate fields, not both (also given: "
                        + String.join(", ", both) + ")"));
            } else {
                given = CrontabParser.toFields(cron, errors);
            }
        }
        CronField[] fields;
        if (cron != null) {
            // Problems inside a crontab line belong to the "cron" field, prefixed with the part they are in.
            List<FieldError> fieldErrors = new ArrayList<>();
            fields = compileFields(given, fieldErrors);
            fieldErrors.forEach(e -> errors.add(new FieldError("cron", e.field().replace('_', '-') + ": " + e.message())));
        } else {
            fields = compileFields(given, errors);
        }
        ZoneId dateZone = zone == null ? ZoneOffset.UTC : zone;
        DateBound start = isBlank(input.startDate()) ? null : DateBound.parse(input.startDate(), dateZone, "start_date", errors);
        DateBound end = isBlank(input.endDate()) ? null : DateBound.parse(input.endDate(), dateZone, "end_date", errors);
        if (start != null && end != null && end.instant().isBefore(start.instant())) {
            errors.add(new FieldError("end_date", "end_date " + input.endDate().strip() + " is before start_date "
                    + input.startDate().strip()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidScheduleException(errors);
        }
        return new CronSchedule(fields, zone, start, end, cron);
    }

    /** APScheduler's defaulting rule from CronTrigger.__init__. */
    private static CronField[] compileFields(String[] given, List<FieldError> errors) {
        CronField[] fields = new CronField[FieldKind.ALL.length];
        int lastGiven = -1;
        for (int i = 0; i < given.length; i++) {
            if (given[i] != null) {
                lastGiven = i;
            }
        }
        for (FieldKind kind : FieldKind.ALL) {
            int i = kind.ordinal();
            if (given[i] != null) {
                fields[i] = FieldParser.parse(kind, given[i], false, errors);
            } else {
                String text = lastGiven >= 0 && i > lastGiven ? kind.defaultBelow : "*";
                fields[i] = FieldParser.parse(kind, text, true, errors);
            }
        }
        return fields;
    }

    private static ZoneId parseZone(String timezone, List<FieldError> errors) {
        if (isBlank(timezone)) {
            return ZoneId.of("UTC");
        }
        String id = timezone.strip();
        try {
            ZoneId zone = ZoneId.of(id);
            if (zone instanceof ZoneOffset || OFFSET_ZONE.matcher(id).matches()) {
                errors.add(new FieldError("timezone", "'" + id + "' is a fixed offset, not a time zone name;"
                        + " use an IANA name such as Europe/Berlin, UTC or Etc/GMT-2"));
                return null;
            }
            return zone;
        } catch (DateTimeException e) {
            errors.add(new FieldError("timezone", "unknown time zone '" + id + "' (use an IANA name such as Europe/Berlin or UTC)"));
            return null;
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The schedule's time zone (UTC when none was given). */
    public ZoneId zone() {
        return zone;
    }

    /** The first fire time strictly after {@code after}, in {@link #zone()}; empty when there is none. */
    public Optional<ZonedDateTime> nextFireTime(Instant after) {
        // Fire times are whole seconds: strictly after `after` means at or after its second + 1.
        return fireAtOrAfterSecond(after.getEpochSecond() + 1);
    }

    /**
     * Exactly APScheduler's {@code get_next_fire_time(None, now)}: the first fire time at or after
     * {@code now} rounded up to a whole second (and not before start_date).
     */
    public Optional<ZonedDateTime> firstFireTimeAtOrAfter(Instant now) {
        return fireAtOrAfterSecond(now.getEpochSecond() + (now.getNano() > 0 ? 1 : 0));
    }

    private Optional<ZonedDateTime> fireAtOrAfterSecond(long epochSecond) {
        if (epochSecond >= END_OF_YEAR_9999) {
            return Optional.empty();
        }
        long from = Math.max(epochSecond, START_OF_YEAR_1);
        if (start != null) {
            Instant s = start.instant();
            from = Math.max(from, s.getEpochSecond() + (s.getNano() > 0 ? 1 : 0));
        }
        if (!anyDateLeft(from)) {
            return Optional.empty();
        }
        WallTime next = search.nextAtOrAfter(from);
        return next == null ? Optional.empty()
                : Optional.of(ZonedDateTime.ofInstant(Instant.ofEpochSecond(next.epochSecond()), zone));
    }

    private boolean anyDateLeft(long fromEpochSecond) {
        LocalDate first = tz.fromUtc(fromEpochSecond).wall().toLocalDate();
        if (first.getYear() > FieldKind.YEAR.max) {
            return false;
        }
        LocalDate last = end == null ? LocalDate.of(FieldKind.YEAR.max, 12, 31) : end.wallTime().wall().toLocalDate();
        return !last.isBefore(first) && dateScan.anyMatch(first, last);
    }

    /** Up to {@code count} successive fire times strictly after {@code after}. */
    public List<ZonedDateTime> nextFireTimes(Instant after, int count) {
        List<ZonedDateTime> times = new ArrayList<>(Math.max(0, Math.min(count, 1000)));
        Instant cursor = after;
        for (int i = 0; i < count; i++) {
            Optional<ZonedDateTime> next = nextFireTime(cursor);
            if (next.isEmpty()) {
                break;
            }
            times.add(next.get());
            cursor = next.get().toInstant();
        }
        return Collections.unmodifiableList(times);
    }

    /**
     * The latest fire time t with {@code fromExclusive < t <= toInclusive}; it walks the fire times
     * forward, so keep the window short (the timer guard uses 60 seconds).
     */
    public Optional<ZonedDateTime> latestFireTimeBetween(Instant fromExclusive, Instant toInclusive) {
        Optional<ZonedDateTime> latest = Optional.empty();
        Optional<ZonedDateTime> next = nextFireTime(fromExclusive);
        while (next.isPresent() && !next.get().toInstant().isAfter(toInclusive)) {
            latest = next;
            next = nextFireTime(next.get().toInstant());
        }
        return latest;
    }

    /** Throws {@link InvalidScheduleException} naming the responsible field(s) when the schedule has no fire time after {@code now}. */
    public void requireFutureFire(Instant now) {
        if (nextFireTime(now).isPresent()) {
            return;
        }
        throw new InvalidScheduleException(NeverFireExplainer.explain(this, now));
    }

    /** An English description, e.g. "At every 5th minute past every hour from 9 through 17 on Monday through Friday". */
    public String describe() {
        return ScheduleDescriber.describe(this);
    }

    /** The effective APScheduler fields after the defaulting rule, keyed year, month, day, week, day_of_week, hour, minute, second. */
    public Map<String, String> fields() {
        Map<String, String> map = new LinkedHashMap<>();
        for (CronField field : fields) {
            map.put(field.kind().apsName, field.text());
        }
        return Collections.unmodifiableMap(map);
    }

    /** The crontab line as given, if the schedule came from one. */
    public Optional<String> cron() {
        return Optional.ofNullable(cron);
    }

    /** start_date as an instant, if given. */
    public Optional<Instant> startDate() {
        return Optional.ofNullable(start).map(DateBound::instant);
    }

    /** end_date as an instant, if given. */
    public Optional<Instant> endDate() {
        return Optional.ofNullable(end).map(DateBound::instant);
    }

    /** The attributes of an EJB calendar timer that fires on (a superset of) this schedule. */
    public CalendarPlan toCalendarPlan() {
        return CalendarPlanner.plan(this);
    }

    CronField field(FieldKind kind) {
        return fields[kind.ordinal()];
    }

    CronSchedule withoutEnd() {
        return new CronSchedule(fields, zone, start, null, cron);
    }

    @Override
    public String toString() {
        return "CronSchedule" + fields() + " in " + zone + (cron == null ? "" : " from '" + cron + "'");
    }
}
