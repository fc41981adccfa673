package io.texium.scheduler.problems;

/** The request clashes with the current state (409): a duplicate unique value, or objects still in use. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
