package io.texium.scheduler.jobs.entity;

import java.time.Duration;
import java.util.List;

/**
 * How a job's runs are run, with every default applied: retries with backoff, a timeout, how many runs may overlap,
 * how late a fire may still run and whether late fires run once, and which jobs run after this one. Stored as flat
 * job fields (the API's names: {@code max_retries}, {@code retry_delay_seconds}, ...), each absent one meaning its
 * default.
 */
public record RunPolicy(int maxRetries, long retryDelaySeconds, double retryBackoff, long retryMaxDelaySeconds,
                        Long timeoutSeconds, int maxInstances, long misfireGraceSeconds, boolean coalesce,
                        List<String> onSuccess, List<String> onFailure) {

    public static final int DEFAULT_MAX_RETRIES = 0;
    public static final long DEFAULT_RETRY_DELAY_SECONDS = 30;
    public static final double DEFAULT_RETRY_BACKOFF = 2;
    public static final long DEFAULT_RETRY_MAX_DELAY_SECONDS = 3_600;
    public static final int DEFAULT_MAX_INSTANCES = 1;
    public static final long DEFAULT_MISFIRE_GRACE_SECONDS = 3_600;
    public static final boolean DEFAULT_COALESCE = true;

    /** A job that sets none of the fields. */
    public static final RunPolicy DEFAULT = new RunPolicy(DEFAULT_MAX_RETRIES, DEFAULT_RETRY_DELAY_SECONDS,
            DEFAULT_RETRY_BACKOFF, DEFAULT_RETRY_MAX_DELAY_SECONDS, null, DEFAULT_MAX_INSTANCES,
            DEFAULT_MISFIRE_GRACE_SECONDS, DEFAULT_COALESCE, List.of(), List.of());

    public RunPolicy {
        onSuccess = onSuccess == null ? List.of() : List.copyOf(onSuccess);
        onFailure = onFailure == null ? List.of() : List.copyOf(onFailure);
    }

    /**
     * How long after a failed attempt the next one is due: {@code retry_delay_seconds × retry_backoff^(n−1)} for the
     * n-th retry, at most {@code retry_max_delay_seconds}.
     */
    public Duration retryDelay(int retry) {
        double seconds = retryDelaySeconds * Math.pow(retryBackoff, Math.max(0, retry - 1));
        return Duration.ofMillis((long) Math.min(seconds * 1000, retryMaxDelaySeconds * 1000.0));
    }

    /** The timeout as a duration; empty when runs may take as long as they take. */
    public java.util.Optional<Duration> timeout() {
        return java.util.Optional.ofNullable(timeoutSeconds).map(Duration::ofSeconds);
    }
}
