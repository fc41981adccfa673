package io.texium.scheduler.servers.control;

import io.texium.scheduler.guard.OutboundAddresses;
import io.texium.scheduler.guard.OutboundHttp;
import io.texium.scheduler.platform.Background;
import io.texium.scheduler.servers.entity.Server;
import io.texium.scheduler.servers.entity.ServerCheck;
import io.texium.scheduler.servers.entity.ServerStatus;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs servers' checks through the outbound address guard: an HTTP(S) GET is up on a 2xx or 3xx answer within the
 * timeout (a redirect is not followed: it is an answer), a TCP check is up when the connection opens. Each result
 * is written on the server. Several servers are checked at once on a pool of its own, {@value #THREADS} managed
 * threads with an unbounded queue, so that a long list waits rather than fails and never takes the job workers'
 * threads or the server's default executor (which refuses work under a burst).
 */
@ApplicationScoped
public class ServerChecks {

    static final int THREADS = 8;
    static final int MAX_ERROR = 500;

    @Inject
    OutboundAddresses addresses;

    @Inject
    OutboundHttp http;

    @Inject
    ServerQueries queries;

    @Inject
    Background background;

    @Inject
    Clock clock;

    ExecutorService pool;

    /** What one check found. */
    public record Outcome(ServerStatus status, Long latencyMs, String error, Instant checkedAt) {
    }

    @PostConstruct
    void start() {
        var executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                background.named("texium-server-check"));
        executor.allowCoreThreadTimeOut(true);
        pool = executor;
    }

    /** Checks outside the container (tools, tests): its own pool of plain threads; {@link #stop} it after use. */
    public static ServerChecks standalone(OutboundAddresses addresses, ServerQueries queries, Clock clock) {
        var checks = new ServerChecks();
        checks.addresses = addresses;
        checks.http = OutboundHttp.through(addresses);
        checks.queries = queries;
        checks.clock = clock;
        checks.pool = java.util.concurrent.Executors.newFixedThreadPool(THREADS);
        return checks;
    }

    @PreDestroy
    public void stop() {
        pool.shutdownNow();
    }

    /** Checks the server now and records the result on it (in the store, and on the object given). */
    public Server check(Server server, Duration timeout) {
        return record(server, server.check(), probe(server.check(), timeout));
    }

    /** Writes what a check of {@code checked} found, in the store and on the object given. */
    Server record(Server server, ServerCheck checked, Outcome outcome) {
        if (checked != null) {
            queries.recordCheck(server.id(), checked, outcome);
        }
        return server.status(outcome.status()).lastCheckedAt(outcome.checkedAt()).lastLatencyMs(outcome.latencyMs())
                .lastError(outcome.error());
    }

    /** Checks the servers concurrently, each as {@link #check}; the list comes back in the order given. */
    public List<Server> checkAll(List<Server> servers, Duration timeout) throws InterruptedException {
        List<Future<Server>> running = new ArrayList<>();
        try {
            for (Server server : servers) {
                running.add(pool.submit(() -> check(server, timeout)));
            }
            List<Server> checked = new ArrayList<>();
            for (Future<Server> result : running) {
                try {
                    checked.add(result.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a server check failed unexpectedly: " + e.getCause(), e.getCause());
                }
            }
            return checked;
        } finally {
            running.forEach(f -> f.cancel(true));
        }
    }

    /** Runs the check without recording it; a server without a check stays unknown. */
    Outcome probe(ServerCheck check, Duration timeout) {
        if (check == null) {
            return new Outcome(ServerStatus.unknown, null, "the server has no check", clock.instant());
        }
        long start = System.nanoTime();
        try {
            String failure = ServerCheck.HTTP.equals(check.type()) ? httpFailure(check.url(), timeout) : tcpFailure(check, timeout);
            long latency = Duration.ofNanos(System.nanoTime() - start).toMillis();
            return new Outcome(failure == null ? ServerStatus.up : ServerStatus.down, latency, failure, clock.instant());
        } catch (IOException | RuntimeException e) {
            long latency = Duration.ofNanos(System.nanoTime() - start).toMillis();
            return new Outcome(ServerStatus.down, latency, describe(e, timeout), clock.instant());
        }
    }

    private String httpFailure(String url, Duration timeout) throws IOException {
        String problem = OutboundAddresses.urlSyntaxProblem(url);
        if (problem != null) {
            return "the check URL " + problem;
        }
        var answer = http.send(new OutboundHttp.Request("GET", URI.create(url), Map.of(), null, timeout, 0, 0));
        return answer.status() >= 200 && answer.status() < 400 ? null : "HTTP " + answer.status();
    }

    private String tcpFailure(ServerCheck check, Duration timeout) throws IOException {
        try (Socket ignored = addresses.connect(check.host(), check.port(), timeout)) {
            return null;
        }
    }

    private static String describe(Exception e, Duration timeout) {
        String text;
        if (e instanceof SocketTimeoutException) {
            text = "timed out after " + timeout.toMillis() + " ms";
        } else if (e instanceof UnknownHostException) {
            text = "unknown host " + e.getMessage();
        } else {
            text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }
}
