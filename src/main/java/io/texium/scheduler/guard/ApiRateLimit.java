package io.texium.scheduler.guard;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The per-caller limit on API calls: a token bucket per signed-in user, whether they use a password or any of
 * their tokens (tokens are minted freely by their owner, so a bucket per token would let one account multiply
 * its share). The default, a burst of 100 and 20 a second, leaves a console that polls every 2 s with a handful
 * of calls far below the limit. Per instance: behind a load balancer a caller may use each instance's share.
 */
@ApplicationScoped
public class ApiRateLimit {

    @Inject
    @ConfigProperty(name = "texium.ratelimit.requests-per-second", defaultValue = "20")
    double perSecond;

    @Inject
    @ConfigProperty(name = "texium.ratelimit.burst", defaultValue = "100")
    int burst;

    @Inject
    Clock clock;

    private Buckets callers;

    @PostConstruct
    void configure() {
        if (!(perSecond >= 0) || burst < 1) {
            throw new IllegalArgumentException("texium.ratelimit.requests-per-second must be 0 (no limit) or more, and "
                    + "texium.ratelimit.burst at least 1: " + perSecond + ", " + burst);
        }
        callers = perSecond == 0 ? null : new Buckets(Limit.perSecond(burst, perSecond), 100_000);
    }

    /** Counts one call of the caller; empty when the limit is switched off. */
    public Optional<Decision> take(String callerId) {
        return callers == null ? Optional.empty() : Optional.of(callers.take(callerId, clock.instant()));
    }
}
