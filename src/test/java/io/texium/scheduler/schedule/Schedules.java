package io.texium.scheduler.schedule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Test helpers: a compact "key=value;key=value" schedule spec and fire times written as ISO text. */
final class Schedules {

    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private Schedules() {
    }

    /** Parses a spec such as {@code hour=9-17;minute=*}/5 with APScheduler keyword names. */
    static CronSchedule schedule(String zone, String spec) {
        return CronSchedule.parse(fields(zone, spec));
    }

    static ScheduleSpec fields(String zone, String spec) {
        Map<String, String> v = new HashMap<>();
        if (spec != null) {
            for (String part : spec.split(";")) {
                if (!part.isBlank()) {
                    String[] kv = part.split("=", 2);
                    v.put(kv[0].strip(), kv[1].strip());
                }
            }
        }
        return new ScheduleSpec(v.get("year"), v.get("month"), v.get("day"), v.get("week"), v.get("day_of_week"),
                v.get("hour"), v.get("minute"), v.get("second"), zone, v.get("start_date"), v.get("end_date"), v.get("cron"));
    }

    static Instant instant(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    /** The next {@code n} fire times strictly after {@code after}, space separated, "none" when they run out. */
    static String fires(CronSchedule schedule, String after, int n) {
        List<ZonedDateTime> times = schedule.nextFireTimes(instant(after), n);
        String text = times.stream().map(ISO::format).collect(Collectors.joining(" "));
        return times.size() < n ? (text.isEmpty() ? "none" : text + " none") : text;
    }
}
