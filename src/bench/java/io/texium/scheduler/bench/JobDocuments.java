package io.texium.scheduler.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.bson.Document;
import org.bson.types.ObjectId;

/** EchoJob documents in the shape of {@code scheduler_jobs}, written straight into the store in batches of 1,000. */
final class JobDocuments {

    static final String ECHO = "jobs.echo.EchoJob";
    private static final int BATCH = 1_000;
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

    private JobDocuments() {
    }

    /** One enabled, unpaused EchoJob owned by {@code userId}, with the given APScheduler fields. */
    static Document job(String userId, String name, Map<String, String> schedule, Instant now) {
        var doc = new Document("_id", new ObjectId())
                .append("user_id", userId)
                .append("job_class_string", ECHO)
                .append("name", name);
        schedule.forEach(doc::append);
        return doc.append("cron", null)
                .append("timezone", "UTC")
                .append("start_date", null)
                .append("end_date", null)
                .append("pub_args", List.of())
                .append("pub_kwargs", new Document())
                .append("is_enabled", true)
                .append("is_paused", false)
                .append("created_at", Date.from(now))
                .append("updated_at", Date.from(now))
                .append("total_executions", 0L)
                .append("version", 0L);
    }

    /** Inserts {@code count} documents made by {@code make}, 1,000 per insertMany; returns their ids as hex strings. */
    static List<String> insert(MongoDatabase db, int count, IntFunction<Document> make) {
        MongoCollection<Document> jobs = db.getCollection("scheduler_jobs");
        List<String> ids = new ArrayList<>(count);
        List<Document> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < count; i++) {
            Document doc = make.apply(i);
            ids.add(doc.getObjectId("_id").toHexString());
            batch.add(doc);
            if (batch.size() == BATCH || i == count - 1) {
                jobs.insertMany(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        return ids;
    }

    /** Fires once an hour, at the minute and second of {@code due} (UTC): due once during a bench run. */
    static Map<String, String> hourlyAt(Instant due) {
        var t = due.atZone(ZoneOffset.UTC);
        return Map.of("minute", String.valueOf(t.getMinute()), "second", String.valueOf(t.getSecond()));
    }

    /**
     * A varied schedule (daily, weekdays, weekly, monthly, last day, yearly, quarter-hourly within one hour) whose
     * hours avoid the three hours starting at {@code now}, so that none of these jobs fires while the bench runs.
     */
    static Map<String, String> varied(int i, Random random, Instant now) {
        int nowHour = now.atZone(ZoneOffset.UTC).getHour();
        int hour = (nowHour + 3 + random.nextInt(21)) % 24;
        String minute = String.valueOf(random.nextInt(60));
        Map<String, String> s = new LinkedHashMap<>();
        switch (i % 7) {
            case 0 -> s.putAll(Map.of("hour", String.valueOf(hour), "minute", minute, "second", String.valueOf(random.nextInt(60))));
            case 1 -> s.putAll(Map.of("day_of_week", "mon-fri", "hour", String.valueOf(hour), "minute", minute));
            case 2 -> s.putAll(Map.of("day_of_week", String.valueOf(random.nextInt(7)), "hour", String.valueOf(hour), "minute", minute));
            case 3 -> s.putAll(Map.of("day_of_month", String.valueOf(1 + random.nextInt(28)), "hour", String.valueOf(hour), "minute", minute));
            case 4 -> s.putAll(Map.of("day_of_month", "last", "hour", String.valueOf(hour)));
            case 5 -> s.putAll(Map.of("month", MONTHS[random.nextInt(12)], "day_of_month", String.valueOf(1 + random.nextInt(28)),
                    "hour", String.valueOf(hour), "minute", minute));
            default -> s.putAll(Map.of("hour", String.valueOf(hour), "minute", "*/15"));
        }
        return s;
    }
}
