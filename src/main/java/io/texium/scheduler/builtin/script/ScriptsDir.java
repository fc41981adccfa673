package io.texium.scheduler.builtin.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The directory scripts run from, and the rules that keep a script's name inside it: a name is a plain file name,
 * never a path, and what it resolves to (symbolic links followed) must be an executable regular file in the
 * directory.
 */
final class ScriptsDir {

    static final String KEY = "texium.scripts.dir";

    /** Letters, digits, dot, underscore, dash; not starting with a dot (no {@code ..}, no hidden file, no path). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,254}");

    private final Optional<Path> configured;

    ScriptsDir(Optional<String> configured) {
        this.configured = configured.filter(s -> !s.isBlank()).map(Path::of);
    }

    /** Why {@code name} is not a script name, or null when it is one. */
    static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "is required";
        }
        if (name.contains("/") || name.contains("\\")) {
            return "must be a script's file name in " + KEY + ", not a path";
        }
        if (!NAME.matcher(name).matches()) {
            return "must be a file name of at most 255 letters, digits, '.', '_' or '-', not starting with '.'";
        }
        return null;
    }

    /** Why the script cannot be found, by a stat and no more (for save time), or null when it looks runnable. */
    String lookupProblem(String name) {
        String problem = nameProblem(name);
        if (problem != null) {
            return problem;
        }
        if (configured.isEmpty()) {
            return notConfigured();
        }
        Path file = configured.get().resolve(name);
        if (!Files.exists(file)) {
            return "no script named '" + name + "' in " + KEY;
        }
        return null;
    }

    /**
     * The script's real path: every rule checked again now, because the file may have changed since the job was
     * saved.
     *
     * @throws IllegalStateException naming the rule the script breaks
     */
    Path resolve(String name) throws IOException {
        String problem = nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("argument 'script' " + problem);
        }
        Path dir = directory();
        Path real;
        try {
            real = dir.resolve(name).toRealPath();
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no script named '" + name + "' in " + KEY + " (" + dir + ")");
        }
        if (!real.startsWith(dir) || real.equals(dir)) {
            throw new IllegalStateException("script '" + name + "' leads out of " + KEY + " (" + dir
                    + ") through a symbolic link; refused");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException("script '" + name + "' is not a regular file");
        }
        if (!Files.isExecutable(real)) {
            throw new IllegalStateException("script '" + name + "' is not executable (chmod +x)");
        }
        return real;
    }

    /** The directory's real path, or a failure saying it is not configured or not there. */
    Path directory() throws IOException {
        if (configured.isEmpty()) {
            throw new IllegalStateException(notConfigured());
        }
        Path dir = configured.get();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(KEY + " (" + dir + ") is not a directory on this instance");
        }
        return dir.toRealPath();
    }

    private static String notConfigured() {
        return KEY + " is not configured on this server, so no script can run";
    }
}
