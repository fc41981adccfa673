package io.texium.scheduler.problems;

/**
 * The request cannot be served now, and nothing was changed (503 with {@code Retry-After}): for instance a change
 * whose audit entry could not be written.
 */
public class UnavailableException extends RuntimeException {

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
