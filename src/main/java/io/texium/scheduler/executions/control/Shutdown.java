package io.texium.scheduler.executions.control;

import io.texium.scheduler.cluster.control.Instances;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A graceful stop (undeploy, SIGTERM): stop claiming after recording the fires already delivered, let running work
 * finish within {@code texium.shutdown.grace-seconds}, write the outcomes, and leave the registry. What was claimed
 * but never started stays {@code scheduled} under this instance's id: a survivor adopts it at once (the registry
 * shows this instance as left), or the next instance to start does.
 */
@ApplicationScoped
public class Shutdown {

    private static final Logger LOG = Logger.getLogger(Shutdown.class.getName());

    @Inject
    @ConfigProperty(name = "texium.shutdown.grace-seconds", defaultValue = "30")
    long graceSeconds;

    @Inject
    Claims claims;

    @Inject
    Workers workers;

    @Inject
    RunRecorder recorder;

    @Inject
    ExecutionWrites writes;

    @Inject
    Instances instances;

    @Inject
    Clock clock;

    void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object context) {
        try {
            claims.stop(2_000);
            var notStarted = workers.stop(Duration.ofSeconds(graceSeconds));
            recorder.flush(5_000);
            long cut = writes.failRunning(instances.id(),
                    "the instance was stopped and the run did not end within the shutdown grace", clock.instant());
            instances.leave();
            LOG.info(() -> "stopped: " + notStarted.size() + " queued run(s) handed back, " + cut
                    + " run(s) cut off after the grace of " + graceSeconds + " s");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the graceful stop did not complete; the others will take over when the heartbeat stops", e);
        }
    }
}
