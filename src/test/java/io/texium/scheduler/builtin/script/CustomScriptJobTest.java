package io.texium.scheduler.builtin.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.executions.control.Outputs;
import io.texium.scheduler.jobs.control.JobCatalog;
import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.jobs.spi.JobContext;
import io.texium.scheduler.platform.JsonbSettings;
import io.texium.scheduler.problems.FieldProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real scripts in a temporary scripts directory, run as real processes. */
class CustomScriptJobTest {

    @TempDir
    Path dir;

    CustomScriptJob cut;

    @BeforeEach
    void wire() {
        cut = new CustomScriptJob();
        cut.scriptsDir = Optional.of(dir.toString());
    }

    Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    static Arguments args(String script, List<String> argv, Map<String, String> env, long maxSeconds) {
        Map<String, Object> values = new HashMap<>();
        values.put("script", script);
        values.put("args", argv);
        values.put("env", env);
        values.put("max_seconds", maxSeconds);
        return new Arguments(values, Map.of());
    }

    static JobContext context(Arguments arguments) {
        return new JobContext("job-1", "a script", "admin-1", "exec-1", "manual", Instant.parse("2026-01-02T03:04:05Z"),
                List.of(), arguments.asMap(), arguments);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> run(Arguments arguments) throws Exception {
        return (Map<String, Object>) cut.run(context(arguments));
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    long pidIn(String file) throws Exception {
        Path path = dir.resolve(file);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(path) ? Files.readString(path).strip() : "";
            if (!text.isEmpty()) {
                return Long.parseLong(text);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no pid in " + file);
    }

    @Nested
    @DisplayName("a script that ends")
    class Ends {

        @Test
        void succeeds_with_its_output_and_arguments_passed_without_a_shell() throws Exception {
            script("hello.sh", """
                    printf 'hello %s|' "$@"
                    echo "cwd=$(pwd)"
                    echo warning >&2""");
            var output = run(args("hello.sh", List.of("world", "$HOME", "a b", "*"), Map.of(), 10));
            assertThat(output.get("exit_code")).isEqualTo(0);
            assertThat(output.get("stdout")).isEqualTo("hello world|hello $HOME|hello a b|hello *|cwd=" + dir.toRealPath() + "\n");
            assertThat(output.get("stderr")).isEqualTo("warning\n");
            assertThat(output.get("stdout_truncated")).isEqualTo(false);
            assertThat(output.get("stderr_truncated")).isEqualTo(false);
            assertThat((Long) output.get("duration_ms")).isNotNegative();
            assertThat(output.get("script")).isEqualTo("hello.sh");
        }

        @Test
        void a_non_zero_exit_fails_naming_the_code_and_the_end_of_stderr() throws Exception {
            script("fail.sh", "echo 'disk full' >&2; exit 3");
            assertThatThrownBy(() -> run(args("fail.sh", List.of(), Map.of(), 10)))
                    .hasMessageContaining("exited with code 3")
                    .hasMessageContaining("disk full");
        }

        @Test
        void gets_a_minimal_environment_plus_its_variables_and_nothing_of_the_server() throws Exception {
            script("env.sh", "env");
            var output = run(args("env.sh", List.of(), Map.of("GREETING", "guten morgen"), 10));
            Map<String, String> seen = Arrays.stream(((String) output.get("stdout")).split("\n"))
                    .filter(l -> l.contains("="))
                    .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
            assertThat(seen).containsEntry("GREETING", "guten morgen")
                    .containsEntry("PATH", CustomScriptJob.PATH)
                    .containsEntry("LANG", "C.UTF-8")
                    .containsEntry("HOME", dir.toRealPath().toString())
                    .containsEntry("TEXIUM_JOB_ID", "job-1")
                    .containsEntry("TEXIUM_EXECUTION_ID", "exec-1")
                    .containsEntry("TEXIUM_SCHEDULED_TIME", "2026-01-02T03:04:05Z");
            // what a POSIX shell sets by itself (PWD) is no leak; every other name is one of ours
            assertThat(seen.keySet()).isSubsetOf(Set.of("GREETING", "PATH", "LANG", "HOME", "TMPDIR", "PWD", "SHLVL", "_",
                    "OLDPWD", "TEXIUM_JOB_ID", "TEXIUM_EXECUTION_ID", "TEXIUM_TRIGGER", "TEXIUM_SCHEDULED_TIME"));
            assertThat(System.getenv()).as("the test JVM has variables that could leak").isNotEmpty();
            System.getenv().forEach((name, value) -> {
                if (!seen.containsKey(name)) {
                    return;
                }
                assertThat(Set.of("PATH", "HOME", "LANG", "PWD", "SHLVL", "_", "OLDPWD", "TMPDIR")).as(name).contains(name);
            });
        }

        @Test
        void each_stream_is_cut_at_64_KiB_read_concurrently_and_the_output_stays_json_within_the_limit() throws Exception {
            // 1 MB to stderr before anything to stdout: a reader of one stream at a time would deadlock here
            script("chatty.sh", "head -c 1000000 /dev/zero | tr '\\0' e >&2; head -c 200000 /dev/zero | tr '\\0' o");
            var output = run(args("chatty.sh", List.of(), Map.of(), 30));
            assertThat(output.get("stdout_bytes")).isEqualTo(200_000L);
            assertThat(output.get("stderr_bytes")).isEqualTo(1_000_000L);
            assertThat(output.get("stdout_truncated")).isEqualTo(true);
            assertThat(output.get("stderr_truncated")).isEqualTo(true);
            assertThat(((String) output.get("stdout")).length()).isLessThanOrEqualTo(ScriptProcess.CAPTURE_BYTES);
            assertThat((String) output.get("stdout")).matches("o*");
            assertThat((String) output.get("stderr")).matches("e*");
            String json = JsonbSettings.jsonb().toJson(output);
            assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Outputs.LIMIT_BYTES);
            assertThat(Outputs.output(output)).isEqualTo(json);
        }

        @Test
        void one_long_stream_keeps_its_first_64_KiB() throws Exception {
            script("long.sh", "head -c 100000 /dev/zero | tr '\\0' x");
            var output = run(args("long.sh", List.of(), Map.of(), 30));
            assertThat(output.get("stdout_truncated")).isEqualTo(true);
            // 64 KiB captured; the JSON around it takes a few bytes more of the execution's 64 KiB
            assertThat(((String) output.get("stdout")).length()).isBetween(ScriptProcess.CAPTURE_BYTES - 512,
                    ScriptProcess.CAPTURE_BYTES);
        }
    }

    @Nested
    @DisplayName("a script that does not end")
    class DoesNotEnd {

        @Test
        void is_killed_with_every_process_it_started_at_its_time_limit() throws Exception {
            script("hang.sh", """
                    echo $$ > shell.pid
                    sleep 60 &
                    echo $! > child.pid
                    sh -c 'sleep 60' &
                    echo $! > grandparent.pid
                    sleep 60""");
            long started = System.nanoTime();
            assertThatThrownBy(() -> run(args("hang.sh", List.of(), Map.of(), 1)))
                    .hasMessageContaining("timed out after 1 s")
                    .hasMessageContaining("killed");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            for (String file : List.of("shell.pid", "child.pid", "grandparent.pid")) {
                assertThat(alive(pidIn(file))).as(file).isFalse();
            }
            assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().orElse("").endsWith("sleep")).toList())
                    .as("no sleep of the script left").isEmpty();
        }

        @Test
        void a_process_whose_parent_exited_is_killed_too() throws Exception {
            // the middle shell lives long enough to be seen, then exits: its sleep is handed to init, out of the tree
            script("orphan.sh", """
                    sh -c 'sleep 60 & echo $! > orphan.pid; sleep 0.5' &
                    sleep 60""");
            assertThatThrownBy(() -> run(args("orphan.sh", List.of(), Map.of(), 2))).hasMessageContaining("timed out after 2 s");
            assertThat(alive(pidIn("orphan.pid"))).isFalse();
        }

        @Test
        void a_script_that_starts_many_short_commands_runs_to_its_end() throws Exception {
            script("loop.sh", "i=0; while [ $i -lt 300 ]; do true; /bin/true; i=$((i+1)); done; echo done");
            assertThat(run(args("loop.sh", List.of(), Map.of(), 60)).get("stdout")).isEqualTo("done\n");
        }

        @Test
        void is_killed_with_its_children_when_the_worker_is_interrupted() throws Exception {
            script("wait.sh", """
                    echo $$ > shell.pid
                    sleep 60 &
                    echo $! > child.pid
                    wait""");
            var failure = new CompletableFuture<Throwable>();
            Thread worker = Thread.ofPlatform().start(() -> {
                try {
                    run(args("wait.sh", List.of(), Map.of(), 300));
                    failure.complete(null);
                } catch (Throwable t) {
                    failure.complete(t);
                }
            });
            long shell = pidIn("shell.pid");
            long child = pidIn("child.pid");
            worker.interrupt();
            assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
            assertThat(alive(shell)).isFalse();
            assertThat(alive(child)).isFalse();
        }
    }

    @Nested
    @DisplayName("a name that tries to leave the scripts directory")
    class Escapes {

        @Test
        void paths_are_refused_when_saved_and_when_run() throws Exception {
            for (String name : List.of("../x", "/bin/sh", "sub/x.sh", "..\\x", "..", ".hidden", "a b", "")) {
                assertThat(cut.check(args(name, List.of(), Map.of(), 10))).as(name).singleElement()
                        .satisfies(p -> assertThat(p.field()).isEqualTo("pub_kwargs.script"));
                assertThatThrownBy(() -> run(args(name, List.of(), Map.of(), 10))).as(name)
                        .hasMessageContaining("script");
            }
        }

        @Test
        void a_symbolic_link_out_of_the_directory_is_refused_when_run() throws Exception {
            Files.createSymbolicLink(dir.resolve("evil"), Path.of("/bin/sh"));
            assertThatThrownBy(() -> run(args("evil", List.of("-c", "echo pwned"), Map.of(), 10)))
                    .hasMessageContaining("leads out of texium.scripts.dir");
        }

        @Test
        void a_symbolic_link_inside_the_directory_is_followed() throws Exception {
            Files.createDirectory(dir.resolve("v2"));
            Path target = dir.resolve("v2").resolve("real.sh");
            Files.writeString(target, "#!/bin/sh\necho v2\n");
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
            Files.createSymbolicLink(dir.resolve("current.sh"), Path.of("v2/real.sh"));
            assertThat(run(args("current.sh", List.of(), Map.of(), 10)).get("stdout")).isEqualTo("v2\n");
        }

        @Test
        void a_file_that_is_not_executable_or_not_a_file_is_refused() throws Exception {
            Files.writeString(dir.resolve("plain.sh"), "#!/bin/sh\necho hi\n");
            Files.setPosixFilePermissions(dir.resolve("plain.sh"), PosixFilePermissions.fromString("rw-r--r--"));
            Files.createDirectory(dir.resolve("adir"));
            assertThatThrownBy(() -> run(args("plain.sh", List.of(), Map.of(), 10))).hasMessageContaining("not executable");
            assertThatThrownBy(() -> run(args("adir", List.of(), Map.of(), 10))).hasMessageContaining("not a regular file");
        }
    }

    @Nested
    @DisplayName("when saved")
    class Check {

        @Test
        void a_script_that_is_there_passes() throws Exception {
            script("ok.sh", "true");
            assertThat(cut.check(args("ok.sh", List.of("a"), Map.of("A", "b"), 300))).isEmpty();
        }

        @Test
        void a_missing_script_a_bad_limit_and_bad_variables_are_named() {
            assertThat(JobCatalog.problems(cut, List.of("missing.sh", List.of(), Map.of(), 86_401L), Map.of()))
                    .extracting(FieldProblem::field).containsExactlyInAnyOrder("pub_args[3]", "pub_args[0]");
            var problems = cut.check(args("missing.sh", List.of("ok", "nul\0"), Map.of("1X", "v", "TEXIUM_JOB_ID", "x"), 300));
            assertThat(problems).extracting(Arguments.Problem::field).containsExactlyInAnyOrder("pub_kwargs.script",
                    "pub_kwargs.args[1]", "pub_kwargs.env.1X", "pub_kwargs.env.TEXIUM_JOB_ID");
            assertThat(problems.getFirst().reason()).contains("no script named 'missing.sh'");
        }

        @Test
        void without_a_scripts_dir_nothing_can_be_saved_or_run() {
            cut.scriptsDir = Optional.empty();
            assertThat(cut.check(args("ok.sh", List.of(), Map.of(), 10))).singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("texium.scripts.dir is not configured"));
            assertThatThrownBy(() -> run(args("ok.sh", List.of(), Map.of(), 10)))
                    .hasMessageContaining("texium.scripts.dir is not configured");
        }
    }
}
