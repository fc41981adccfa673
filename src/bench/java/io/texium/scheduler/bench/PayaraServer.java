package io.texium.scheduler.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheduler WAR on one Payara Micro process of its own, against the bench's store: started as an operator
 * would, ready when {@code /health/ready} answers 200 and the application is deployed; its pid serves {@code jcmd}.
 */
final class PayaraServer implements AutoCloseable {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final Process process;
    private final URI base;
    private final long startedNanos;
    private final Duration startup;
    private final Path log;

    private PayaraServer(Process process, URI base, long startedNanos, Duration startup, Path log) {
        this.process = process;
        this.base = base;
        this.startedNanos = startedNanos;
        this.startup = startup;
        this.log = log;
    }

    /** Thrown when the server did not become ready in time (it has been stopped). */
    static final class NotReady extends RuntimeException {
        NotReady(String message) {
            super(message);
        }
    }

    /** Starts the WAR with the store's URI and {@code database}; waits at most {@code timeout} for readiness. */
    static PayaraServer start(BenchSettings settings, String name, String mongoUri, String database, Duration timeout)
            throws IOException, InterruptedException {
        return start(settings, name, mongoUri, database, timeout, List.of());
    }

    /** As above, with extra system properties ({@code -Dkey=value}) for this server. */
    static PayaraServer start(BenchSettings settings, String name, String mongoUri, String database, Duration timeout,
                              List<String> extraProperties) throws IOException, InterruptedException {
        Files.createDirectories(settings.outDir());
        Path log = settings.outDir().resolve("payara-" + name + ".log");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-Dtexium.admin.password=" + BenchSettings.ADMIN_PASSWORD,
                "-Dtexium.workers=" + settings.workers(),
                "-Dtexium.data.dir=" + settings.outDir().resolve("unused-embedded-store"),
                "-Dtexium.ratelimit.requests-per-second=0", // the bench creates thousands of jobs as fast as it can
                "-jar", settings.payaraJar().toString(), "--deploy", settings.war().toString(),
                "--contextroot", "/", "--port", String.valueOf(port), "--nocluster"));
        command.addAll(1, extraProperties);
        String serverArgs = System.getProperty("bench.serverArgs", "");
        if (!serverArgs.isBlank()) { // -Dbench.serverArgs="-XX:+UseZGC -Dkey=value": the same for every server started
            command.addAll(1, List.of(serverArgs.trim().split("\\s+")));
        }
        if (Boolean.getBoolean("bench.jfr")) { // -Dbench.jfr=true: a profile of the server per scenario, for `jfr print`
            command.add(1, "-XX:StartFlightRecording=settings=profile,filename="
                    + settings.outDir().resolve("payara-" + name + ".jfr"));
        }
        Path preboot = Path.of(System.getProperty("bench.prebootCommands", "src/main/payara/preboot-commands.txt"));
        if (Files.isRegularFile(preboot)) {
            command.addAll(List.of("--prebootcommandfile", preboot.toString())); // as ./mvnw -Prun starts it
        }
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("TEXIUM_MONGODB_URI", mongoUri);
        builder.environment().put("TEXIUM_MONGODB_DATABASE", database);
        long started = System.nanoTime();
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly)); // never outlive the bench
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        var anonymous = new BenchClient(base, null);
        long deadline = started + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new NotReady("Payara Micro exited with " + process.exitValue() + "; see " + log);
            }
            int api = anonymous.get("health/ready", Duration.ofSeconds(5)).status() == 200
                    ? anonymous.get("api/scheduler/health", Duration.ofSeconds(5)).status() : -1;
            if (api > 0 && api != 404) { // the server's health answers before the WAR is deployed; the API after
                return new PayaraServer(process, base, started, Duration.ofNanos(System.nanoTime() - started), log);
            }
            Thread.sleep(100);
        }
        process.destroyForcibly().waitFor();
        throw new NotReady("not ready after " + timeout.toSeconds() + " s; see " + log);
    }

    Duration startup() {
        return startup;
    }

    /** Time since the process was started. */
    Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    Path log() {
        return log;
    }

    BenchClient anonymous() {
        return new BenchClient(base, null);
    }

    BenchClient admin() {
        return anonymous().as("admin", BenchSettings.ADMIN_PASSWORD);
    }

    /** Heap in use after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}), in bytes; -1 when jcmd fails. */
    long heapAfterFullGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        long usedKiB = 0;
        boolean found = false;
        for (String line : info.split("\n")) {
            if (line.trim().startsWith("Metaspace")) {
                break; // heap lines come first; Metaspace and class space are not heap
            }
            Matcher m = USED.matcher(line);
            if (m.find() && !line.contains("region size")) {
                usedKiB += Long.parseLong(m.group(1));
                found = true;
            }
        }
        return found ? usedKiB * 1024 : -1;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /** Stops the server as a service manager would (SIGTERM), forcibly after 60 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
