package io.texium.scheduler.builtin.script;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Reads one of a process's output streams to its end on a thread of its own, keeping the first {@code limit} bytes
 * and counting (and discarding) the rest, so that a chatty process never blocks on a full pipe.
 */
final class BoundedCapture {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int limit;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private long total;

    private BoundedCapture(int limit) {
        this.limit = limit;
    }

    /** Starts reading {@code in} at once; {@link #done()} completes when it ends. */
    static BoundedCapture of(InputStream in, int limit, String name) {
        var capture = new BoundedCapture(limit);
        Thread.ofVirtual().name(name).start(() -> capture.drain(in));
        return capture;
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                synchronized (this) {
                    int room = (int) Math.max(0, limit - total);
                    kept.write(buffer, 0, Math.min(room, n));
                    total += n;
                }
            }
            done.complete(null);
        } catch (IOException e) {
            // the stream was closed under us: what was read so far is the output
            done.complete(null);
        } catch (RuntimeException e) {
            done.completeExceptionally(new UncheckedIOException(new IOException(e)));
        }
    }

    CompletableFuture<Void> done() {
        return done;
    }

    /** What was kept, as UTF-8 (a character cut at the limit reads as U+FFFD). */
    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    synchronized long totalBytes() {
        return total;
    }

    synchronized boolean truncated() {
        return total > limit;
    }
}
