package io.texium.scheduler.executions.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The run pipeline's metrics: fires, runs by outcome, fire lag, queue depth, busy workers, lost claims, store errors. */
@ApplicationScoped
public class PipelineMetrics {

    @Inject
    MeterRegistry registry;

    private Counter fires;
    private Counter claimsLost;
    private Counter storeErrors;
    private Timer lag;
    private final Map<String, Counter> runs = new ConcurrentHashMap<>();

    @PostConstruct
    void register() {
        fires = Counter.builder("texium.fires").description("timer fires handed to the pipeline").register(registry);
        claimsLost = Counter.builder("texium.claims.lost").description("fires another instance had claimed").register(registry);
        storeErrors = Counter.builder("texium.store.errors").description("pipeline writes the store did not take").register(registry);
        lag = Timer.builder("texium.fire.lag").description("from a fire's due time to its start")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60)).register(registry);
    }

    /** Registers a gauge read from the pipeline's own state. */
    void gauge(String name, String description, Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value).description(description).register(registry);
    }

    void fired() {
        fires.increment();
    }

    void claimsLost(int count) {
        claimsLost.increment(count);
    }

    void storeError() {
        storeErrors.increment();
    }

    void started(Duration late) {
        lag.record(late.isNegative() ? Duration.ZERO : late);
    }

    void ended(String outcome) {
        runs.computeIfAbsent(outcome, o -> Counter.builder("texium.runs").tag("outcome", o)
                .description("executions ended, by outcome").register(registry)).increment();
    }
}
