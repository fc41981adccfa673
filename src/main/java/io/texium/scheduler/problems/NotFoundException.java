package io.texium.scheduler.problems;

/** The addressed object does not exist (or its id is not one this service could have issued): 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, String id) {
        super(what + " '" + id + "' not found");
    }
}
