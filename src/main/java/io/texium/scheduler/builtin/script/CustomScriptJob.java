package io.texium.scheduler.builtin.script;

import io.texium.scheduler.executions.control.Outputs;
import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.jobs.spi.JobContext;
import io.texium.scheduler.jobs.spi.JobDefinition;
import io.texium.scheduler.jobs.spi.ScheduledJob;
import io.texium.scheduler.platform.JsonbSettings;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Runs an executable from the scripts directory, without a shell, in a minimal environment and within a time limit. */
@Dependent
@JobDefinition(value = "jobs.script.CustomScriptJob", name = "Custom script", adminOnly = true,
        description = "Runs an executable file from the server's scripts directory (texium.scripts.dir) with the"
                + " given arguments and environment variables, and records its exit code, stdout and stderr.",
        arguments = {
                @JobDefinition.Argument(name = "script", required = true,
                        description = "The script's file name in texium.scripts.dir; a name, never a path."),
                @JobDefinition.Argument(name = "args", type = Arguments.STRINGS, defaultValue = "[]",
                        description = "The script's arguments, passed as they are (no shell: no globbing, no $VAR)."),
                @JobDefinition.Argument(name = "env", type = Arguments.STRING_MAP, defaultValue = "{}",
                        description = "Environment variables added to the minimal environment the script gets."),
                @JobDefinition.Argument(name = "max_seconds", type = Arguments.INTEGER, defaultValue = "300", min = 1, max = CustomScriptJob.MAX_SECONDS,
                        description = "Time limit in seconds (1 to 86400); past it the script and every process it"
                                + " started are killed and the run fails.")},
        exampleArgs = "[\"nightly-export.sh\", [\"--since\", \"yesterday\"]]",
        exampleKwargs = "{\"script\": \"nightly-export.sh\", \"args\": [\"--since\", \"yesterday\"],"
                + " \"env\": {\"EXPORT_TARGET\": \"s3://bucket/exports\"}, \"max_seconds\": 600}",
        notes = {"Only administrators may create, change or run jobs of this class, and the job's owner must be one.",
                "The script must be an executable regular file in texium.scripts.dir, which must exist on every"
                        + " instance; a symbolic link is followed only while it stays inside that directory.",
                "The script runs in texium.scripts.dir with only PATH=/usr/local/bin:/usr/bin:/bin, LANG=C.UTF-8,"
                        + " HOME (the scripts directory), TMPDIR, the variables of 'env', and TEXIUM_JOB_ID,"
                        + " TEXIUM_EXECUTION_ID, TEXIUM_TRIGGER, TEXIUM_SCHEDULED_TIME; nothing else of the"
                        + " server's environment.",
                "stdout and stderr are each cut at 64 KiB; a non-zero exit code fails the run with the end of stderr.",
                "Output: {\"script\", \"exit_code\", \"stdout\", \"stderr\", \"stdout_bytes\", \"stderr_bytes\","
                        + " \"stdout_truncated\", \"stderr_truncated\", \"duration_ms\"}."})
public class CustomScriptJob implements ScheduledJob {

    static final long MAX_SECONDS = 86_400;
    static final String PATH = "/usr/local/bin:/usr/bin:/bin";
    /** How much of the end of stderr a failure's message carries. */
    static final int STDERR_TAIL = 2000;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final String RESERVED = "TEXIUM_";

    @Inject
    @ConfigProperty(name = ScriptsDir.KEY)
    Optional<String> scriptsDir;

    @Override
    public List<Arguments.Problem> check(Arguments arguments) {
        List<Arguments.Problem> problems = new ArrayList<>();
        String lookup = scripts().lookupProblem(arguments.string("script"));
        if (lookup != null) {
            problems.add(arguments.problem("script", lookup));
        }
        List<String> args = arguments.strings("args");
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).indexOf('\0') >= 0) {
                problems.add(new Arguments.Problem(arguments.field("args") + "[" + i + "]", "must not contain a NUL character"));
            }
        }
        arguments.stringMap("env").forEach((name, value) -> {
            String field = arguments.field("env") + "." + name;
            if (!ENV_NAME.matcher(name).matches()) {
                problems.add(new Arguments.Problem(field, "must be a variable name (letters, digits, '_', not starting with a digit)"));
            } else if (name.startsWith(RESERVED)) {
                problems.add(new Arguments.Problem(field, "variables named TEXIUM_... are set by the scheduler"));
            } else if (value.indexOf('\0') >= 0) {
                problems.add(new Arguments.Problem(field, "must not contain a NUL character"));
            }
        });
        return problems;
    }

    @Override
    public Object run(JobContext context) throws Exception {
        Arguments arguments = checked(context.arguments());
        ScriptsDir scripts = scripts();
        String name = arguments.requiredString("script");
        Path script = scripts.resolve(name);
        Path dir = scripts.directory();
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(arguments.strings("args"));
        Duration limit = Duration.ofSeconds(arguments.integer("max_seconds", 300));
        ScriptProcess.Result result;
        try {
            result = ScriptProcess.run(command, dir, environment(dir, arguments.stringMap("env"), context), limit);
        } catch (ScriptProcess.TimedOut e) {
            throw new IllegalStateException("script '" + name + "' " + e.getMessage() + tail(e.stderr.text()));
        }
        if (result.exitCode() != 0) {
            throw new IllegalStateException("script '" + name + "' exited with code " + result.exitCode()
                    + tail(result.stderr().text()));
        }
        return output(name, result);
    }

    static Map<String, String> environment(Path dir, Map<String, String> extra, JobContext context) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", PATH);
        env.put("LANG", "C.UTF-8");
        env.put("HOME", dir.toString());
        env.put("TMPDIR", System.getProperty("java.io.tmpdir"));
        env.putAll(extra);
        env.put("TEXIUM_JOB_ID", String.valueOf(context.jobId()));
        env.put("TEXIUM_EXECUTION_ID", String.valueOf(context.executionId()));
        env.put("TEXIUM_TRIGGER", String.valueOf(context.trigger()));
        env.put("TEXIUM_SCHEDULED_TIME", String.valueOf(context.scheduledTime()));
        return env;
    }

    /**
     * The run as JSON. Each stream was cut at 64 KiB, but an execution's output as a whole is kept to 64 KiB too: when
     * both streams are long, the longer one is cut further (and marked truncated) so that the output stays valid JSON.
     */
    static Map<String, Object> output(String name, ScriptProcess.Result result) {
        String stdout = result.stdout().text();
        String stderr = result.stderr().text();
        boolean stdoutCut = result.stdout().truncated();
        boolean stderrCut = result.stderr().truncated();
        for (int round = 0; ; round++) {
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("script", name);
            output.put("exit_code", result.exitCode());
            output.put("stdout", stdout);
            output.put("stderr", stderr);
            output.put("stdout_bytes", result.stdout().bytes());
            output.put("stderr_bytes", result.stderr().bytes());
            output.put("stdout_truncated", stdoutCut);
            output.put("stderr_truncated", stderrCut);
            output.put("duration_ms", result.durationMs());
            int excess = JsonbSettings.jsonb().toJson(output).getBytes(StandardCharsets.UTF_8).length
                    - Outputs.LIMIT_BYTES;
            if (excess <= 0 || round == 8) {
                return output;
            }
            int cut = excess + 64;
            if (stdout.length() >= stderr.length()) {
                stdout = stdout.substring(0, Math.max(0, stdout.length() - cut));
                stdoutCut = true;
            } else {
                stderr = stderr.substring(0, Math.max(0, stderr.length() - cut));
                stderrCut = true;
            }
        }
    }

    private static String tail(String stderr) {
        String trimmed = stderr.strip();
        if (trimmed.isEmpty()) {
            return "; stderr was empty";
        }
        return "; stderr ends with: " + (trimmed.length() <= STDERR_TAIL ? trimmed
                : "..." + trimmed.substring(trimmed.length() - STDERR_TAIL));
    }

    private ScriptsDir scripts() {
        return new ScriptsDir(scriptsDir == null ? Optional.empty() : scriptsDir);
    }
}
