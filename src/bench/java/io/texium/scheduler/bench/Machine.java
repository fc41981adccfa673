package io.texium.scheduler.bench;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The header of the report: what was measured on which machine, with which versions and settings. */
final class Machine {

    private Machine() {
    }

    static String describe(BenchSettings s) {
        return String.join("\n",
                "## Texium Scheduler bench (" + (s.quick() ? "quick" : "full") + "), " + BenchRunner.now(),
                "",
                "- Machine: nproc " + Runtime.getRuntime().availableProcessors() + ", memory " + memory()
                        + ", load average at start " + read("/proc/loadavg", 3) + "; " + System.getProperty("os.name")
                        + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                "- Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                        + "Payara Micro " + System.getProperty("bench.payaraVersion", "?") + " with -Xmx2g and texium.workers="
                        + s.workers() + "; commit " + commit(),
                "- Stores: mongo-java-server " + BenchRunner.versionOf(MongoServer.class) + ", " + s.backend()
                        + " backend, in the bench JVM (one for Texium, one for JobRunr)",
                "- Each figure is the median of " + s.reps() + " run(s). Latencies: one client in sequence, up to "
                        + s.latencyRequests() + " requests after " + s.warmUpRequests() + " unmeasured, at most "
                        + s.latencyBudget().toSeconds() + " s per endpoint. Lag is started_at - scheduled_time; stages: "
                        + "delivery = fired_at - scheduled_time, claim = created_at - fired_at, queue = started_at - created_at.");
    }

    private static String memory() {
        for (String line : read("/proc/meminfo", Integer.MAX_VALUE).split("\n")) {
            if (line.startsWith("MemTotal:")) {
                long kib = Long.parseLong(line.replaceAll("\\D", ""));
                return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
            }
        }
        return "?";
    }

    private static String read(String file, int words) {
        try {
            String text = Files.readString(Path.of(file)).trim();
            if (words == Integer.MAX_VALUE) {
                return text;
            }
            String[] parts = text.split("\\s+");
            return String.join(" ", java.util.Arrays.copyOf(parts, Math.min(words, parts.length)));
        } catch (IOException e) {
            return "?";
        }
    }

    private static String commit() {
        try {
            Process p = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "?";
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
