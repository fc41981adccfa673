package io.texium.scheduler.schedule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A job's schedule as a client gives it and a job keeps it: the APScheduler cron fields or a crontab line, in a time
 * zone, between optional dates ({@code null} = not given). Request, job, view, preview and engine pass this one value
 * along; its API names, written here once, are the names of the REST JSON and of the stored job document.
 */
public record ScheduleSpec(String year, String month, String dayOfMonth, String week, String dayOfWeek,
                           String hour, String minute, String second,
                           String timezone, String startDate, String endDate, String cron) {

    /** Nothing given: what a request's schedule applies to when there is no job yet. */
    public static final ScheduleSpec NONE = new ScheduleSpec(null, null, null, null, null, null, null, null,
            null, null, null, null);

    /** The API names, in the order of {@link #byName()}. */
    public static final Set<String> NAMES = Collections.unmodifiableSet(NONE.byName().keySet());

    /** The API names of the eight cron fields. */
    private static final Set<String> FIELDS = Stream.of(FieldKind.ALL).map(kind -> kind.restName)
            .collect(Collectors.toUnmodifiableSet());

    /** What a request may call the cron fields: their API names and APScheduler's ({@code day} for day_of_month). */
    private static final Map<String, String> FIELD_KEYS = Stream.of(FieldKind.ALL)
            .flatMap(kind -> Stream.of(Map.entry(kind.restName, kind.restName), Map.entry(kind.apsName, kind.restName)))
            .distinct().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    /** Fields only, in the given zone, without dates or crontab line. */
    public static ScheduleSpec ofFields(String year, String month, String dayOfMonth, String week, String dayOfWeek,
                                        String hour, String minute, String second, String timezone) {
        return new ScheduleSpec(year, month, dayOfMonth, week, dayOfWeek, hour, minute, second, timezone, null, null, null);
    }

    /** A crontab line (5 or 6 fields, or a macro) in the given zone. */
    public static ScheduleSpec ofCron(String cron, String timezone) {
        return new ScheduleSpec(null, null, null, null, null, null, null, null, timezone, null, null, cron);
    }

    /** The spec whose value under each API name the lookup gives (a document, a map; null = not given). */
    public static ScheduleSpec of(Function<String, String> byName) {
        return new ScheduleSpec(byName.apply("year"), byName.apply("month"), byName.apply("day_of_month"),
                byName.apply("week"), byName.apply("day_of_week"), byName.apply("hour"), byName.apply("minute"),
                byName.apply("second"), byName.apply("timezone"), byName.apply("start_date"), byName.apply("end_date"),
                byName.apply("cron"));
    }

    /**
     * The values by API name, unset ones as null: the crontab line, the cron fields most significant first, the zone
     * and the dates (the order a job's audit entries list them in).
     */
    public Map<String, String> byName() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("cron", cron);
        values.put("year", year);
        values.put("month", month);
        values.put("day_of_month", dayOfMonth);
        values.put("week", week);
        values.put("day_of_week", dayOfWeek);
        values.put("hour", hour);
        values.put("minute", minute);
        values.put("second", second);
        values.put("timezone", timezone);
        values.put("start_date", startDate);
        values.put("end_date", endDate);
        return values;
    }

    /** Whether a request key names a schedule value: an API name, or APScheduler's {@code day}. */
    public static boolean isName(String key) {
        return NAMES.contains(key) || FIELD_KEYS.containsKey(key);
    }

    /** Whether a request key names one of the eight cron fields, which may be given as a string or an integer. */
    public static boolean isField(String key) {
        return FIELD_KEYS.containsKey(key);
    }

    /**
     * A copy with the value under one request key changed: a cron field replaces the crontab line, a crontab line
     * replaces the cron fields (a null line leaves them), the zone and the dates change alone.
     */
    public ScheduleSpec with(String key, String value) {
        Map<String, String> values = byName();
        if (isField(key)) {
            values.put("cron", null);
            values.put(FIELD_KEYS.get(key), value);
        } else if (NAMES.contains(key)) {
            if (key.equals("cron") && value != null) {
                FIELDS.forEach(field -> values.put(field, null));
            }
            values.put(key, value);
        } else {
            throw new IllegalArgumentException("'" + key + "' is not a schedule value");
        }
        return of(values::get);
    }

    /** A copy in another time zone. */
    public ScheduleSpec withTimezone(String zone) {
        return new ScheduleSpec(year, month, dayOfMonth, week, dayOfWeek, hour, minute, second, zone, startDate, endDate, cron);
    }

    /** A copy with the given start and end dates. */
    public ScheduleSpec withDates(String start, String end) {
        return new ScheduleSpec(year, month, dayOfMonth, week, dayOfWeek, hour, minute, second, timezone, start, end, cron);
    }

    /** Whether any of the eight cron fields is given. */
    public boolean hasFields() {
        Map<String, String> values = byName();
        return FIELDS.stream().map(values::get).anyMatch(Objects::nonNull);
    }

    /**
     * For a crontab line, a copy that shows beside the line the cron fields the schedule reads it as, so that a
     * reader of the job sees its meaning; a spec of fields is returned as it is.
     */
    public ScheduleSpec showing(CronSchedule schedule) {
        if (cron == null) {
            return this;
        }
        Map<String, String> values = byName();
        for (FieldKind kind : FieldKind.ALL) {
            values.put(kind.restName, schedule.field(kind).text());
        }
        return of(values::get);
    }
}
