package io.texium.scheduler.bench;

import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the benchmark suite and prints one Markdown table, also written to {@code target/bench/results.md}.
 *
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64     # JDK 21+
 * ./mvnw -B -ntp -Pbench                     # full: 3 repetitions (median), 20 / 1,000 / 10,000 jobs due together,
 *                                            #   100,000 jobs, 1,000,000 executions, JobRunr 10,000 jobs (about 40 min)
 * ./mvnw -B -ntp -Pbench -Dbench.quick=true  # quick: 1 repetition, 20 / 1,000 due together, 10,000 jobs,
 *                                            #   100,000 executions, JobRunr 1,000 jobs (at most 5 min)
 * </pre>
 * The profile builds the WAR (tests skipped) and runs this class on the test class path. Options:
 * {@code -Dbench.backend=memory|h2} (the mongo-java-server backend of the stores, default memory) and
 * {@code -Dbench.scenarios=firelag,scale,history,quartz,jobrunr,spread} (a subset). Payara logs go to {@code target/bench/}.
 * One Payara Micro runs at a time; the stores run inside this JVM. The bench asserts nothing: it prints.
 */
public final class BenchRunner {

    private final BenchSettings settings;
    private final Map<Integer, FireLagFigures.Summary> fireLag = new LinkedHashMap<>();
    private final Map<Integer, Samples.Dist> quartz = new LinkedHashMap<>();
    private final ResultTable table = new ResultTable();
    private ScaleBench.Result scale;
    private HistoryBench.Result history;
    private double jobRunr = Double.NaN;
    private final Map<String, String> spread = new LinkedHashMap<>();
    private long baselineHeap = -1;

    private BenchRunner(BenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws IOException {
        var runner = new BenchRunner(BenchSettings.fromSystemProperties());
        String report = runner.run();
        System.out.println();
        System.out.println(report);
        Path file = Files.createDirectories(runner.settings.outDir()).resolve("results.md");
        Files.writeString(file, report);
        log("written to %s", file.toAbsolutePath());
        System.exit(0); // JobRunr and Quartz leave non-daemon threads behind
    }

    private String run() {
        String machine = Machine.describe(settings);
        log("%s bench, scenarios %s, backend %s", settings.quick() ? "quick" : "full",
                BenchSettings.ALL_SCENARIOS.stream().filter(settings::runs).toList(), settings.backend());
        try (var store = BenchStore.start(settings.backend(), settings.outDir(), "texium")) {
            if (settings.runs("firelag") || settings.runs("scale")) {
                attempt("fire lag / scale", () -> fireLagThenScale(store));
            }
            if (settings.runs("history")) {
                attempt("history", () -> history = new HistoryBench(settings, store, "history").run());
                store.database("history").drop();
            }
        }
        System.gc(); // the stores' garbage should not pause the peers, which run in this JVM
        if (settings.runs("quartz")) {
            attempt("quartz warm-up", () -> new QuartzBench(settings).warmUp());
            for (int n : settings.quartzSizes()) {
                attempt("quartz " + n, () -> quartz.put(n, new QuartzBench(settings).measure(n)));
            }
        }
        if (settings.runs("spread")) {
            try (var store = BenchStore.start(settings.backend(), settings.outDir(), "spread")) {
                attempt("spread", () -> spread.putAll(new SpreadBench(settings, store).run()));
            }
        }
        if (settings.runs("jobrunr")) {
            attempt("jobrunr", () -> jobRunr = new JobRunrBench(settings).measure(settings.jobRunrJobs()));
        }
        if (settings.quick()) {
            table.note("Quick variant: one run each, smaller sizes; the targets are those set for the full sizes.");
        }
        new TableRows(settings, table).build(fireLag, quartz, jobRunr, scale, baselineHeap, history);
        spread.forEach(table::row);
        return machine + "\n\n" + table.markdown();
    }

    /** Phase A (fire lag on a nearly empty store), then phase B (scale) on the same database. */
    private void fireLagThenScale(BenchStore store) throws Exception {
        String database = "bench";
        String adminId;
        String userId;
        boolean timersPaged;
        try (var server = PayaraServer.start(settings, "firelag", store.uri(), database, settings.startupTimeout(0))) {
            var admin = server.admin();
            adminId = adminId(admin);
            var created = admin.post("api/users/", """
                    {"username": "%s", "email": "%s@example.com", "full_name": "Bench User", "role": "user", "password": "%s"}"""
                    .formatted(BenchSettings.USER_NAME, BenchSettings.USER_NAME, BenchSettings.USER_PASSWORD));
            if (created.status() != 201) {
                throw new IllegalStateException("could not create the bench user: " + created.status() + " " + created.body());
            }
            userId = created.json().getJsonObject("data").getString("id");
            timersPaged = TimerProbe.timersArePaged(admin);
            baselineHeap = server.heapAfterFullGc();
            if (settings.runs("firelag")) {
                var bench = new FireLagBench(settings, server, new TimerProbe(admin, timersPaged), store.database(database), adminId);
                for (int n : settings.fireLagSizes()) {
                    attempt("fire lag " + n, () -> fireLag.put(n, bench.measure(n)));
                }
            }
        }
        if (settings.runs("scale")) {
            attempt("scale", () -> scale = new ScaleBench(settings, store, database, timersPaged).run(adminId, userId));
        }
        store.database(database).drop();
    }

    /** The id of the user {@code admin}, as {@code GET /api/users/} shows it. */
    static String adminId(BenchClient admin) {
        var reply = admin.get("api/users/?page_size=500");
        if (!reply.ok()) {
            throw new IllegalStateException("cannot list users: " + reply.status() + " " + reply.body());
        }
        for (JsonValue v : reply.json().getJsonArray("data")) {
            if ("admin".equals(v.asJsonObject().getString("username"))) {
                return v.asJsonObject().getString("id");
            }
        }
        throw new IllegalStateException("no user admin in " + reply.body());
    }

    /** A step that may fail without ending the bench: its figures then show as n/a, and the failure as a note. */
    private interface Step {
        void run() throws Exception;
    }

    private void attempt(String name, Step step) {
        try {
            step.run();
        } catch (Exception | LinkageError e) {
            log("%s failed:", name);
            e.printStackTrace();
            table.note(name + " failed: " + BenchClient.abbreviate(String.valueOf(e)));
        }
    }

    /** The version in a jar's file name, e.g. 2.5.2 for quartz-2.5.2.jar; "?" when unknown. */
    static String versionOf(Class<?> type) {
        try {
            String path = type.getProtectionDomain().getCodeSource().getLocation().getPath();
            Matcher m = Pattern.compile("-(\\d[\\w.]*)\\.jar$").matcher(path);
            return m.find() ? m.group(1) : "?";
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static final long BENCH_START = System.nanoTime();

    /** A progress line on standard output, with the seconds since the bench started. */
    static void log(String format, Object... args) {
        System.out.printf("[bench %6.1f s] %s%n", (System.nanoTime() - BENCH_START) / 1e9, String.format(format, args));
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
