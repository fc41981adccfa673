package io.texium.scheduler.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What one bench run measures and where its files are: the full sizes, or the quick variant's smaller ones
 * ({@code -Dbench.quick=true}), read from system properties that the {@code bench} profile passes.
 */
record BenchSettings(boolean quick, String backend, Path outDir, Path payaraJar, Path war, int reps,
                     List<Integer> fireLagSizes, int scaleJobs, int userJobs, int createJobs, int historyJobs,
                     int historyExecutions, int latencyRequests, int warmUpRequests, Duration latencyBudget,
                     int jobRunrJobs, List<Integer> quartzSizes, int workers, Set<String> scenarios) {

    /** Jobs up to this many are created through the API; more are written into the store. */
    static final int API_CREATE_LIMIT = 1_000;
    static final String ADMIN_PASSWORD = "bench-admin-password-0123";
    static final String USER_NAME = "bench-user";
    static final String USER_PASSWORD = "bench-user-password-0123";
    static final List<String> ALL_SCENARIOS = List.of("firelag", "scale", "history", "quartz", "jobrunr", "spread");

    static BenchSettings fromSystemProperties() {
        boolean quick = Boolean.getBoolean("bench.quick");
        String only = System.getProperty("bench.scenarios", "");
        Set<String> scenarios = only.isBlank() ? Set.copyOf(ALL_SCENARIOS) : Set.of(only.split(","));
        return new BenchSettings(quick,
                System.getProperty("bench.backend", "memory"),
                Path.of(System.getProperty("bench.out", "target/bench")),
                Path.of(System.getProperty("payara.microJar", "target/payara-micro.jar")),
                Path.of(System.getProperty("texium.war", "target/texium-scheduler.war")),
                Integer.parseInt(or(System.getProperty("bench.reps"), quick ? "1" : "3")),
                Arrays.stream(or(System.getProperty("bench.sizes"), quick ? "20,1000" : "20,1000,10000").split(","))
                        .map(String::trim).map(Integer::valueOf).toList(),
                quick ? 10_000 : 100_000,
                1_000,
                quick ? 200 : 1_000,
                100,
                quick ? 100_000 : 1_000_000,
                quick ? 50 : 200,
                quick ? 3 : 10,
                quick ? Duration.ofSeconds(5) : Duration.ofSeconds(90),
                quick ? 1_000 : 10_000,
                List.of(20, 1_000),
                16,
                scenarios);
    }

    /** The property's value, or the default when it is unset or blank (as the bench profile passes an unset one). */
    private static String or(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    /** The largest burst the fire-lag scenario drains: the one compared with JobRunr. */
    int drainSize() {
        return fireLagSizes.get(fireLagSizes.size() - 1);
    }

    /** How long a Payara Micro start on {@code jobs} seeded jobs may take before the bench gives up on it. */
    Duration startupTimeout(int jobs) {
        return Duration.ofSeconds(jobs <= 10_000 ? (quick ? 150 : 300) : 900);
    }
}
