package io.texium.scheduler.problems;

/** The caller is known but may not do this (403); used only where saying so reveals nothing. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
