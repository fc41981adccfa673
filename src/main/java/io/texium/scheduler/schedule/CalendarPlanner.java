package io.texium.scheduler.schedule;

import java.time.LocalDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Translates a schedule into the attributes of a Payara {@code ScheduleExpression}; every attribute
 * is set explicitly. Per form (APScheduler field to EJB attribute):
 *
 * <ul>
 *   <li>second, minute, hour, month: {@code *} stays {@code *}; numbers, ranges, steps
 *       ({@code *}/n, a-b/n, a/n), names and lists are expanded to an explicit sorted list of
 *       numbers (Payara has no a-b/n and no steps inside lists) - exact.</li>
 *   <li>day_of_week: expanded to a list of names {@code Mon..Sun} (APScheduler 0 = Monday, EJB 0 =
 *       Sunday; names avoid the clash); all seven days become {@code *} - exact.</li>
 *   <li>day (dayOfMonth): numbers, ranges, steps expanded to a list of 1..31 (Payara skips days a
 *       month lacks, as APScheduler does); {@code last} becomes {@code Last}; {@code 1st mon}..{@code 4th
 *       sun} become {@code 1st Mon}..{@code 4th Sun}; {@code last fri} becomes {@code Last Fri} - exact.
 *       {@code 5th x} becomes days {@code 29,30,31} (Payara resolves a missing 5th weekday to day 1) - guard.</li>
 *   <li>day and day_of_week both restricted: Payara ORs them, APScheduler ANDs them, so dayOfWeek is
 *       widened to {@code *} and dayOfMonth kept - guard.</li>
 *   <li>week (ISO week): no EJB equivalent, dropped (a superset) - guard.</li>
 *   <li>year: {@code *} stays; a restriction is expanded to a list of years if it has at most
 *       {@value #MAX_YEARS} entries, else widened to {@code *} - exact or guard.</li>
 *   <li>DST - guard. Payara computes timeouts with {@code java.util.Calendar} in the timer's zone.
 *       Resolving a wall time, Calendar does what pytz's {@code localize(is_dst=False)} does in
 *       ordinary zones (checked with GregorianCalendar): in a gap it shifts forward with the
 *       pre-change offset (New York 02:30 becomes 03:30 EDT), in an overlap it takes the
 *       standard-time, i.e. second, occurrence (01:30 becomes 01:30 EST). It differs in negative-DST
 *       zones (Java's rearguard data: Dublin 01:30 becomes 01:30 GMT, pytz takes 01:30 IST). Not
 *       verified: whether Payara's schedule walk accepts a time it resolved into the gap (its hour
 *       then reads 3, not 2) and whether it fires minute 0 of a repeated hour in both passes as
 *       APScheduler 3.9 does. So the plan stays not exact when the schedule's hours touch a gap or
 *       overlap of the zone's current or future changes; the guard then drops any timeout that is
 *       not a fire time, but cannot add one Payara skipped (schedule a single-action timer at
 *       nextFireTime for those days if that matters).</li>
 *   <li>timezone: the validated zone id; start and end: start_date and end_date as instants.</li>
 * </ul>
 * {@code exact=false} means the timer layer must check each timeout with
 * {@link CronSchedule#latestFireTimeBetween}.
 */
final class CalendarPlanner {

    static final int MAX_YEARS = 200;
    private static final List<String> EJB_DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
    private static final List<String> POSITIONS = List.of("1st", "2nd", "3rd", "4th", "5th", "Last");

    private CalendarPlanner() {
    }

    static CalendarPlan plan(CronSchedule schedule) {
        boolean exact = true;
        BitSet hours = values(schedule.field(FieldKind.HOUR));
        String dayOfMonth = dayOfMonth(schedule.field(FieldKind.DAY));
        if (schedule.field(FieldKind.DAY).expressions().stream()
                .anyMatch(e -> e instanceof FieldExpression.WeekdayPosition p && p.option() == 4)) {
            exact = false;
        }
        String dayOfWeek = list(values(schedule.field(FieldKind.DAY_OF_WEEK)), FieldKind.DAY_OF_WEEK);
        if (!dayOfMonth.equals("*") && !dayOfWeek.equals("*")) {
            dayOfWeek = "*";
            exact = false;
        }
        if (!schedule.field(FieldKind.WEEK).isWildcard()) {
            exact = false;
        }
        String year = "*";
        CronField yearField = schedule.field(FieldKind.YEAR);
        if (!yearField.isWildcard()) {
            BitSet years = values(yearField);
            if (years.cardinality() <= MAX_YEARS) {
                year = years.stream().mapToObj(Integer::toString).collect(Collectors.joining(","));
            } else {
                exact = false;
            }
        }
        if (touchesDstChange(schedule.zone().getRules(), hours)) {
            exact = false;
        }
        return new CalendarPlan(
                list(values(schedule.field(FieldKind.SECOND)), FieldKind.SECOND),
                list(values(schedule.field(FieldKind.MINUTE)), FieldKind.MINUTE),
                list(hours, FieldKind.HOUR),
                dayOfMonth,
                list(values(schedule.field(FieldKind.MONTH)), FieldKind.MONTH),
                dayOfWeek,
                year,
                schedule.zone().getId(),
                schedule.startDate().orElse(null),
                schedule.endDate().orElse(null),
                exact);
    }

    /** The values an all/range field allows (the day field's special forms are handled by {@link #dayOfMonth}). */
    static BitSet values(CronField field) {
        FieldKind kind = field.kind();
        BitSet set = new BitSet();
        for (FieldExpression e : field.expressions()) {
            int first;
            int last;
            int step;
            if (e instanceof FieldExpression.All all) {
                first = kind.min;
                last = kind.max;
                step = all.step();
            } else if (e instanceof FieldExpression.Range r) {
                first = r.first();
                last = r.last() == null ? kind.max : r.last();
                step = r.step();
            } else {
                continue;
            }
            for (int v = first; v <= last; v += Math.max(step, 1)) {
                set.set(v);
            }
        }
        return set;
    }

    private static String list(BitSet set, FieldKind kind) {
        if (set.cardinality() == kind.max - kind.min + 1) {
            return "*";
        }
        return set.stream().mapToObj(v -> kind == FieldKind.DAY_OF_WEEK ? EJB_DAYS.get(v) : Integer.toString(v))
                .collect(Collectors.joining(","));
    }

    private static String dayOfMonth(CronField day) {
        BitSet numbers = values(day);
        List<String> specials = new ArrayList<>();
        for (FieldExpression e : day.expressions()) {
            if (e instanceof FieldExpression.LastDay) {
                specials.add("Last");
            } else if (e instanceof FieldExpression.WeekdayPosition p) {
                if (p.option() == 4) {
                    numbers.set(29, 32);
                } else {
                    specials.add(POSITIONS.get(p.option()) + " " + EJB_DAYS.get(p.weekday()));
                }
            }
        }
        if (numbers.cardinality() == 31) {
            return "*";
        }
        List<String> parts = new ArrayList<>(numbers.stream().mapToObj(Integer::toString).toList());
        parts.addAll(specials);
        return String.join(",", parts);
    }

    /** Whether any of the hours lies in a gap or overlap of the zone's current or future DST changes. */
    private static boolean touchesDstChange(ZoneRules rules, BitSet hours) {
        if (rules.isFixedOffset()) {
            return false;
        }
        List<ZoneOffsetTransition> changes = new ArrayList<>();
        for (ZoneOffsetTransitionRule rule : rules.getTransitionRules()) {
            changes.add(rule.createTransition(2030));
        }
        for (ZoneOffsetTransition t : rules.getTransitions()) {
            if (t.getDateTimeBefore().getYear() >= 2020) {
                changes.add(t);
            }
        }
        for (ZoneOffsetTransition t : changes) {
            LocalDateTime from = t.isGap() ? t.getDateTimeBefore() : t.getDateTimeAfter();
            LocalDateTime to = t.isGap() ? t.getDateTimeAfter() : t.getDateTimeBefore();
            for (LocalDateTime h = from.withMinute(0).withSecond(0); h.isBefore(to); h = h.plusHours(1)) {
                if (hours.get(h.toLocalTime().getHour())) {
                    return true;
                }
            }
        }
        return false;
    }
}
