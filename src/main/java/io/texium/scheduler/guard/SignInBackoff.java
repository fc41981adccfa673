package io.texium.scheduler.guard;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing: failed HTTP Basic sign-ins are counted per username and per client address in token
 * buckets (by default 10 per username and 30 per address in a minute, then one more every 6 and 2 seconds). An
 * attempt takes a token from both before the password is checked and gives it back when the sign-in succeeds, so
 * concurrent guesses cannot overtake the count, and a name or address out of tokens is refused before any lookup
 * or hashing: the answer (429) and its time are the same whether the username exists or the password is right.
 * The address allows more than the name because several people may share one (an office behind NAT). API tokens
 * are not counted: 256 random bits cannot be guessed, and an expired token polled by a script must not lock
 * everyone behind its address out.
 */
@ApplicationScoped
public class SignInBackoff {

    @Inject
    @ConfigProperty(name = "texium.ratelimit.failed-sign-ins.per-username", defaultValue = "10")
    int perUsername;

    @Inject
    @ConfigProperty(name = "texium.ratelimit.failed-sign-ins.per-address", defaultValue = "30")
    int perAddress;

    @Inject
    @ConfigProperty(name = "texium.ratelimit.failed-sign-ins.window-seconds", defaultValue = "60")
    long windowSeconds;

    @Inject
    Clock clock;

    private Buckets usernames;
    private Buckets addresses;

    @PostConstruct
    void configure() {
        if (perUsername < 1 || perAddress < 1 || windowSeconds < 1) {
            throw new IllegalArgumentException("texium.ratelimit.failed-sign-ins.* must each be at least 1: "
                    + perUsername + ", " + perAddress + ", " + windowSeconds);
        }
        Duration window = Duration.ofSeconds(windowSeconds);
        usernames = new Buckets(Limit.perWindow(perUsername, window), 100_000);
        addresses = new Buckets(Limit.perWindow(perAddress, window), 100_000);
    }

    /**
     * Reserves one try for this username from this address, or refuses with 429 while either is backing off.
     * Every reserved try counts as failed unless {@link #succeeded} gives it back.
     */
    public void reserve(String address, String username) throws Refusal {
        Instant now = clock.instant();
        Decision byAddress = addresses.take(address, now);
        if (!byAddress.allowed()) {
            throw refusal(byAddress);
        }
        Decision byName = usernames.take(username, now);
        if (!byName.allowed()) {
            addresses.giveBack(address, now);
            throw refusal(byName);
        }
    }

    /** The reserved try did not fail (the password was right, or the check could not be made at all). */
    public void succeeded(String address, String username) {
        Instant now = clock.instant();
        addresses.giveBack(address, now);
        usernames.giveBack(username, now);
    }

    private static Refusal refusal(Decision decision) {
        // the same words for a name and an address, for a known and an unknown user
        return Refusal.tooManyRequests("Too many failed sign-ins for this username or from this address; try again in "
                + decision.retryAfterSeconds() + " s.", decision);
    }
}
