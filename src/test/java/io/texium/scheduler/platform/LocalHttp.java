package io.texium.scheduler.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 for tests of outbound calls: {@code /ok}, {@code /status/<code>}, {@code /slow}
 * (answers after {@link #release()} or 30 s), {@code /redirect?to=<url>}, {@code /big/<bytes>} (chunked),
 * {@code /echo} (the request's method, headers and body). Every request is remembered.
 */
public final class LocalHttp implements AutoCloseable {

    /** A request as the server saw it. */
    public record Seen(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    public LocalHttp() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public List<Seen> seen() {
        return seen;
    }

    /** Lets {@code /slow} answers go. */
    public void release() {
        released.countDown();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(new ConcurrentHashMap<>(exchange.getRequestHeaders())), body));
            if (path.startsWith("/status/")) {
                send(exchange, Integer.parseInt(path.substring("/status/".length())), "status " + path.substring(8));
            } else if (path.equals("/slow")) {
                released.await(30, TimeUnit.SECONDS);
                send(exchange, 200, "late");
            } else if (path.equals("/redirect")) {
                String query = exchange.getRequestURI().getRawQuery();
                String to = java.net.URLDecoder.decode(query.substring(query.indexOf("to=") + 3), StandardCharsets.UTF_8);
                int code = query.contains("code=") ? Integer.parseInt(query.substring(query.indexOf("code=") + 5, query.indexOf("code=") + 8)) : 302;
                exchange.getResponseHeaders().add("Location", to);
                exchange.sendResponseHeaders(code, -1);
            } else if (path.startsWith("/big/")) {
                int size = Integer.parseInt(path.substring(5));
                exchange.getResponseHeaders().add("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, 0);
                byte[] chunk = "x".repeat(1000).getBytes(StandardCharsets.UTF_8);
                for (int sent = 0; sent < size; sent += chunk.length) {
                    exchange.getResponseBody().write(chunk, 0, Math.min(chunk.length, size - sent));
                }
            } else if (path.equals("/echo")) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                send(exchange, 200, "{\"method\":\"" + exchange.getRequestMethod() + "\",\"length\":" + body.length() + "}");
            } else {
                exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
                send(exchange, 200, "ok");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
