package io.texium.scheduler.guard;

import java.io.IOException;

/** A connection the scheduler will not open on a user's behalf: the address is in a refused range and not allowed. */
public final class AddressRefusedException extends IOException {

    public AddressRefusedException(String message) {
        super(message);
    }
}
