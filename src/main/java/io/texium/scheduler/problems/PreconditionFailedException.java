package io.texium.scheduler.problems;

/** The client's {@code If-Match} no longer names the stored version (412): read again, then decide. */
public class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(String message) {
        super(message);
    }
}
