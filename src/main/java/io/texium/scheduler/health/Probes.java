package io.texium.scheduler.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** MicroProfile Health probes: ready when the store answers, live while the timer service does. */
public final class Probes {

    private Probes() {
    }

    /** {@code /health/ready}. */
    @Readiness
    @ApplicationScoped
    public static class Store implements HealthCheck {
        @Inject
        io.texium.scheduler.platform.MongoStore store;

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("mongodb").status(store.up()).build();
        }
    }

    /** {@code /health/live}. */
    @Liveness
    @ApplicationScoped
    public static class Timers implements HealthCheck {
        @Inject
        SchedulerHealth health;

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("timer-service").status(health.timerServiceAlive()).build();
        }
    }
}
