package io.texium.scheduler.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Finds which fields make a schedule unable to fire after a given instant, and says so per field. */
final class NeverFireExplainer {

    private static final List<FieldKind> DATE_FIELDS =
            List.of(FieldKind.YEAR, FieldKind.MONTH, FieldKind.DAY, FieldKind.WEEK, FieldKind.DAY_OF_WEEK);

    private NeverFireExplainer() {
    }

    static List<FieldError> explain(CronSchedule schedule, Instant now) {
        String after = now.atZone(schedule.zone()).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS) + " "
                + schedule.zone().getId();
        if (schedule.endDate().isPresent() && schedule.withoutEnd().nextFireTime(now).isPresent()) {
            return List.of(new FieldError("end_date", "the schedule can never fire: its next fire time after " + after
                    + " is later than end_date " + schedule.endDate().get()));
        }
        CronField year = schedule.field(FieldKind.YEAR);
        int currentYear = now.atZone(schedule.zone()).getYear();
        if (!year.isWildcard() && year.nextValue(LocalDate.of(Math.min(currentYear, FieldKind.YEAR.max), 1, 1).atStartOfDay()) == null) {
            return List.of(new FieldError("year", "the schedule can never fire: year '" + year.text()
                    + "' allows no year from " + currentYear + " on"));
        }
        List<CronField> restricted = new ArrayList<>();
        for (FieldKind kind : DATE_FIELDS) {
            CronField field = schedule.field(kind);
            if (!field.isDefault() && !field.isWildcard()) {
                restricted.add(field);
            }
        }
        if (restricted.isEmpty()) {
            return List.of(new FieldError(schedule.cron().isPresent() ? "cron" : "start_date",
                    "the schedule has no fire time after " + after));
        }
        String combination = restricted.stream().map(f -> f.kind().restName + " '" + f.text() + "'")
                .collect(Collectors.joining(" with "));
        String message = "the schedule can never fire: no date from " + now.atZone(schedule.zone()).toLocalDate()
                + " on has " + combination;
        if (schedule.cron().isPresent()) {
            return List.of(new FieldError("cron", message));
        }
        return restricted.stream().map(f -> new FieldError(f.kind().restName, message)).toList();
    }
}
