package io.texium.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the README's code map, read from the sources: features depend one way, the audit log and the
 * caller's identity know no feature, and the schedule engine stays plain Java.
 */
class PackageDependenciesTest {

    static final Path SOURCES = Path.of("src/main/java/io/texium/scheduler");
    static final Pattern OUR_REFERENCE = Pattern.compile("io\\.texium\\.scheduler\\.([a-z]+)\\.");

    /** Top-level package -> the top-level packages its classes name (imports and qualified names). */
    static Map<String, Set<String>> graph() {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue;
                }
                String from = relative.getName(0).toString();
                Set<String> targets = uses.computeIfAbsent(from, k -> new TreeSet<>());
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("package ") || line.trim().startsWith("*") || line.trim().startsWith("/**")) {
                        continue;
                    }
                    Matcher m = OUR_REFERENCE.matcher(line);
                    while (m.find()) {
                        if (!m.group(1).equals(from)) {
                            targets.add(m.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    @Test
    void no_two_packages_import_each_other() {
        var graph = graph();
        List<String> mutual = new ArrayList<>();
        graph.forEach((from, targets) -> targets.forEach(to -> {
            if (from.compareTo(to) < 0 && graph.getOrDefault(to, Set.of()).contains(from)) {
                mutual.add(from + " <-> " + to);
            }
        }));
        assertThat(graph).containsKeys("jobs", "executions", "timers", "users", "audit");
        assertThat(mutual).isEmpty();
    }

    @Test
    void the_audit_log_and_the_caller_know_no_feature() {
        var graph = graph();
        assertThat(graph.get("audit")).isSubsetOf("access", "platform", "problems");
        assertThat(graph.get("access")).isSubsetOf("problems");
        assertThat(graph.get("problems")).isEmpty();
    }

    @Test
    void users_know_none_of_the_features_that_keep_objects_for_them() {
        assertThat(graph().get("users")).doesNotContain("jobs", "servers", "security", "executions");
    }

    @Test
    void the_schedule_engine_is_plain_java() throws IOException {
        assertThat(graph().get("schedule")).isEmpty();
        try (Stream<Path> files = Files.walk(SOURCES.resolve("schedule"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("import jakarta.");
            }
        }
    }
}
