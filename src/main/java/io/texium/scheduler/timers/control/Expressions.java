package io.texium.scheduler.timers.control;

import io.texium.scheduler.schedule.CalendarPlan;
import jakarta.ejb.ScheduleExpression;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Turns the schedule engine's {@link CalendarPlan} into a {@link ScheduleExpression}, and compares the two. */
final class Expressions {

    private Expressions() {
    }

    static ScheduleExpression of(CalendarPlan plan) {
        var expression = new ScheduleExpression()
                .second(plan.second())
                .minute(plan.minute())
                .hour(plan.hour())
                .dayOfMonth(plan.dayOfMonth())
                .month(plan.month())
                .dayOfWeek(plan.dayOfWeek())
                .year(plan.year())
                .timezone(plan.timezone());
        if (plan.start() != null) {
            expression.start(Date.from(plan.start()));
        }
        if (plan.end() != null) {
            expression.end(Date.from(plan.end()));
        }
        return expression;
    }

    /** The attributes by name, as the timers endpoint shows them. */
    static Map<String, Object> attributes(ScheduleExpression e) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("second", e.getSecond());
        attributes.put("minute", e.getMinute());
        attributes.put("hour", e.getHour());
        attributes.put("day_of_month", e.getDayOfMonth());
        attributes.put("month", e.getMonth());
        attributes.put("day_of_week", e.getDayOfWeek());
        attributes.put("year", e.getYear());
        attributes.put("timezone", e.getTimezone());
        attributes.put("start", e.getStart() == null ? null : e.getStart().toInstant().toString());
        attributes.put("end", e.getEnd() == null ? null : e.getEnd().toInstant().toString());
        attributes.values().removeIf(Objects::isNull);
        return attributes;
    }
}
