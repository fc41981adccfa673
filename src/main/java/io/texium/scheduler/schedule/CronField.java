package io.texium.scheduler.schedule;

import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;

/** One compiled cron field: its kind, its expressions and whether it was defaulted (BaseField). */
record CronField(FieldKind kind, List<FieldExpression> expressions, boolean isDefault) {

    CronField {
        expressions = List.copyOf(expressions);
    }

    /** APScheduler's BaseField.get_next_value: the smallest next value of all expressions. */
    Integer nextValue(LocalDateTime date) {
        Integer smallest = null;
        for (FieldExpression expression : expressions) {
            Integer value = expression.nextValue(date, kind);
            if (value != null && (smallest == null || value < smallest)) {
                smallest = value;
            }
        }
        return smallest;
    }

    /** Whether the date's value of this field is allowed. */
    boolean matches(LocalDateTime date) {
        Integer next = nextValue(date);
        return next != null && next == kind.value(date);
    }

    boolean isWildcard() {
        return expressions.stream().anyMatch(e -> e instanceof FieldExpression.All all && all.step() == 0);
    }

    /** The field as APScheduler's {@code str()} writes it, e.g. {@code mon-fri,sun} or {@code *}/5. */
    String text() {
        return expressions.stream().map(e -> e.text(kind)).collect(Collectors.joining(","));
    }
}
