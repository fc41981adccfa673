package io.texium.scheduler.schedule;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a schedule is invalid or can never fire; carries every field error found at once. */
public class InvalidScheduleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public InvalidScheduleException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ", "Invalid schedule: ", "")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
