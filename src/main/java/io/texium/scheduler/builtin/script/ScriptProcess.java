package io.texium.scheduler.builtin.script;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one command without a shell, in a given directory and environment only, with stdout and stderr read
 * concurrently and cut at {@value #CAPTURE_BYTES} bytes each. The run ends when the process has exited and its
 * output streams are closed; at the time limit, or when the calling thread is interrupted, every process of its
 * tree is killed.
 *
 * <p>The tree is every process seen descending from the command while it runs, looked up every
 * {@value #POLL_MILLIS} ms (more often in its first moments), so that a child whose parent exited (and which was
 * handed to init) is still killed. A process that detaches itself (double fork) between two look-ups, or that the
 * command leaves behind when it exits before the first look-up, escapes; an operator who needs a hard boundary runs
 * the server under a cgroup (systemd, a container).
 */
final class ScriptProcess {

    static final int CAPTURE_BYTES = 64 * 1024;
    static final long POLL_MILLIS = 100;
    static final long FIRST_POLL_MILLIS = 5;
    private static final long AFTER_KILL_MILLIS = 2000;

    /** How a run ended that was not killed. */
    record Result(int exitCode, Captured stdout, Captured stderr, long durationMs) {
    }

    /** One output stream: its first {@value #CAPTURE_BYTES} bytes as text, and how many bytes it had in all. */
    record Captured(String text, long bytes, boolean truncated) {
        static Captured of(BoundedCapture capture) {
            return new Captured(capture.text(), capture.totalBytes(), capture.truncated());
        }
    }

    /** The run passed its time limit; every process of its tree was killed. */
    static final class TimedOut extends Exception {
        final Captured stderr;

        TimedOut(String message, Captured stderr) {
            super(message);
            this.stderr = stderr;
        }
    }

    private final Process process;
    private final BoundedCapture out;
    private final BoundedCapture err;
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();

    private ScriptProcess(Process process) {
        this.process = process;
        this.out = BoundedCapture.of(process.getInputStream(), CAPTURE_BYTES, "script-stdout-" + process.pid());
        this.err = BoundedCapture.of(process.getErrorStream(), CAPTURE_BYTES, "script-stderr-" + process.pid());
    }

    /**
     * Runs {@code command} (its first element the executable's path) with exactly {@code environment}, stdin empty.
     *
     * @throws TimedOut when {@code limit} passed; the tree is dead when this is thrown
     * @throws InterruptedException when the calling thread was interrupted; the tree is dead when this is thrown
     */
    static Result run(List<String> command, Path directory, Map<String, String> environment, Duration limit)
            throws IOException, InterruptedException, TimedOut {
        var builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        var run = new ScriptProcess(builder.start());
        run.process.getOutputStream().close();
        return run.await(started, started + limit.toNanos(), limit);
    }

    private Result await(long started, long deadline, Duration limit) throws InterruptedException, TimedOut {
        try {
            // look often while a script is young (when it starts its background processes), then every POLL_MILLIS
            long poll = TimeUnit.MILLISECONDS.toNanos(FIRST_POLL_MILLIS);
            while (!process.waitFor(Math.min(poll, Math.max(0, deadline - System.nanoTime())), TimeUnit.NANOSECONDS)) {
                remember();
                poll = Math.min(poll * 2, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
                if (System.nanoTime() >= deadline) {
                    throw timedOut(limit, "");
                }
            }
            CompletableFuture<Void> closed = CompletableFuture.allOf(out.done(), err.done());
            while (!closed.isDone()) {
                remember();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw timedOut(limit, " (the script exited with " + process.exitValue()
                            + ", but a process it started kept its output open)");
                }
                try {
                    closed.get(Math.min(POLL_MILLIS * 1_000_000, left), TimeUnit.NANOSECONDS);
                } catch (TimeoutException notYet) {
                    // look at the tree again
                } catch (ExecutionException e) {
                    break;
                }
            }
            long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            return new Result(process.exitValue(), Captured.of(out), Captured.of(err), durationMs);
        } catch (InterruptedException e) {
            killTree();
            throw e;
        }
    }

    private TimedOut timedOut(Duration limit, String why) {
        int killed = killTree();
        try {
            CompletableFuture.allOf(out.done(), err.done()).get(AFTER_KILL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // what was read is what there is
        }
        return new TimedOut("timed out after " + limit.toSeconds() + " s" + why + "; killed " + killed
                + " process" + (killed == 1 ? "" : "es"), Captured.of(err));
    }

    /** Adds every process now descending from the command, or from a process of its tree seen before, to the tree. */
    private void remember() {
        // a process that ended can neither be killed nor start another: forget it, so a script that starts
        // thousands of short commands keeps this set small
        seen.removeIf(h -> !h.isAlive());
        List<ProcessHandle> roots = new ArrayList<>();
        if (process.isAlive()) {
            roots.add(process.toHandle());
        }
        for (ProcessHandle h : seen) {
            if (h.parent().filter(seen::contains).isEmpty()) {
                roots.add(h);
            }
        }
        for (ProcessHandle root : roots) {
            root.descendants().forEach(seen::add);
        }
    }

    /** Kills the descendants, then the command itself, until none is left; returns how many were alive. */
    private int killTree() {
        Set<ProcessHandle> killed = new LinkedHashSet<>();
        for (int round = 0; round < 5; round++) {
            remember();
            List<ProcessHandle> alive = new ArrayList<>(seen.stream().filter(ProcessHandle::isAlive).toList());
            if (process.isAlive()) {
                alive.add(process.toHandle());
            }
            if (alive.isEmpty()) {
                break;
            }
            alive.forEach(ProcessHandle::destroyForcibly);
            killed.addAll(alive);
            for (ProcessHandle h : alive) {
                try {
                    h.onExit().get(AFTER_KILL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                    // looked at again in the next round
                }
            }
        }
        return killed.size();
    }
}
