package io.texium.scheduler.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The scheduler WAR on a Payara Micro process of its own, started and stopped as an operator would. */
final class PayaraProcess implements AutoCloseable {

    private final Process process;
    private final URI base;
    private final Duration startup;

    private PayaraProcess(Process process, URI base, Duration startup) {
        this.process = process;
        this.base = base;
        this.startup = startup;
    }

    /** Starts Payara Micro with the WAR at context root {@code /}, waiting until {@code /health/ready} answers 200. */
    static PayaraProcess start(Path log, Map<String, String> systemProperties, Map<String, String> environment)
            throws IOException, InterruptedException {
        return start(log, systemProperties, environment, "health/ready");
    }

    /**
     * As {@link #start(Path, Map, Map)}, waiting until {@code healthPath} answers 200 and the API is deployed. The API
     * rate limit is set far above what a test sends (PipelineIT creates 500 jobs in a few seconds), unless given.
     */
    static PayaraProcess start(Path log, Map<String, String> systemProperties, Map<String, String> environment,
                               String healthPath) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        var properties = new LinkedHashMap<>(Map.of("texium.ratelimit.requests-per-second", "1000",
                "texium.ratelimit.burst", "100000"));
        properties.putAll(systemProperties);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--deploy", System.getProperty("texium.war", "target/texium-scheduler.war"),
                "--contextroot", "/", "--port", String.valueOf(port), "--nocluster",
                "--prebootcommandfile", "src/main/payara/preboot-commands.txt"));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        URI base = URI.create("http://localhost:" + port + "/");
        var api = new Api(base);
        long deadline = started + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (api.get(healthPath).status() == 200 && api.get("api/scheduler/health").status() != 404) {
                    return new PayaraProcess(process, base, Duration.ofNanos(System.nanoTime() - started));
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("Payara Micro did not become ready in 180 s; see " + log);
    }

    Api api() {
        return new Api(base);
    }

    /** The server's root, e.g. {@code http://localhost:8080/}. */
    URI base() {
        return base;
    }

    Duration startup() {
        return startup;
    }

    /** Ends the process at once, as a crash or an OOM killer would (SIGKILL): no shutdown code runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Stops the server the way a service manager does (SIGTERM), waiting for a clean shutdown. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static File targetDir() {
        return new File(System.getProperty("texium.war", "target/texium-scheduler.war")).getAbsoluteFile().getParentFile();
    }
}
