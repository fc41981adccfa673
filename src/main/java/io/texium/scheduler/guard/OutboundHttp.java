package io.texium.scheduler.guard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP/1.1 requests on a user's behalf through {@link OutboundAddresses}: each hop's host is resolved once and
 * checked, the socket is connected to the checked address, and the request carries the original {@code Host};
 * for https the TLS handshake sends the host name (SNI) and verifies the certificate against it. Redirects are
 * followed here, each hop checked again. (The JDK's {@code HttpClient} resolves names itself and cannot be held
 * to a checked address, hence this small client: one request per connection, {@code Connection: close}.)
 */
@ApplicationScoped
public class OutboundHttp {

    public static final int MAX_REDIRECTS = 5;
    static final int MAX_LINE = 8192;
    static final int MAX_HEADERS = 200;
    /** Headers this client writes itself; a caller cannot set them. */
    static final Set<String> OWN_HEADERS = Set.of("host", "content-length", "transfer-encoding", "connection");

    @Inject
    OutboundAddresses addresses;

    /** Where TLS sockets come from: the JVM's default trust; a test may trust its own certificate. */
    SSLSocketFactory tlsSockets = (SSLSocketFactory) SSLSocketFactory.getDefault();

    /** The guard to pass requests through, for code and tests outside the container. */
    public static OutboundHttp through(OutboundAddresses addresses) {
        var http = new OutboundHttp();
        http.addresses = addresses;
        return http;
    }

    /**
     * One request. {@code timeout} bounds the whole exchange, redirects included; at most {@code maxBodyBytes} of
     * the answer's body are kept; up to {@code maxRedirects} redirects are followed (0: a 3xx is the answer).
     */
    public record Request(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout,
                          int maxBodyBytes, int maxRedirects) {
    }

    /** The answer: header names in lower case; {@code truncated} when the body was longer than kept. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body, boolean truncated, URI finalUri,
                           int redirects, long latencyMillis) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    public Response send(Request request) throws IOException {
        long start = System.nanoTime();
        long deadline = start + request.timeout().toNanos();
        String method = request.method().toUpperCase(Locale.ROOT);
        URI uri = request.uri();
        byte[] body = request.body();
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        for (int redirects = 0; ; redirects++) {
            Exchange answer = exchange(method, uri, headers, body, deadline, request.maxBodyBytes(), request.timeout());
            String location = answer.header("location");
            if (!isRedirect(answer.status) || location == null || request.maxRedirects() == 0) {
                return new Response(answer.status, answer.headers, answer.body, answer.truncated, uri, redirects,
                        Duration.ofNanos(System.nanoTime() - start).toMillis());
            }
            if (redirects >= request.maxRedirects()) {
                throw new IOException("more than " + request.maxRedirects() + " redirects (the last to " + location + ")");
            }
            URI next;
            try {
                next = uri.resolve(location.strip());
            } catch (IllegalArgumentException e) {
                throw new IOException("redirect " + answer.status + " to an invalid location: " + location);
            }
            String problem = OutboundAddresses.urlSyntaxProblem(next.toString());
            if (problem == null) {
                problem = addresses.refusal(next.getHost()).orElse(null);
            }
            if (problem != null) {
                throw new AddressRefusedException("refused: redirect " + answer.status + " to " + next + ": the URL " + problem);
            }
            if (!sameOrigin(uri, next)) {
                // credentials are for the origin they were given for, as browsers and curl do
                headers.keySet().removeIf(name -> name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("cookie"));
            }
            boolean keepsMethod = answer.status == 307 || answer.status == 308 || method.equals("HEAD")
                    || (method.equals("GET") && answer.status != 303);
            if (!keepsMethod) {
                method = "GET";
                body = null;
                headers.keySet().removeIf(name -> name.equalsIgnoreCase("content-type"));
            }
            uri = next;
        }
    }

    private record Exchange(int status, Map<String, List<String>> headers, byte[] body, boolean truncated) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private Exchange exchange(String method, URI target, Map<String, String> headers, byte[] body, long deadline,
                              int maxBody, Duration timeout) throws IOException {
        URI uri = URI.create(target.toASCIIString());
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost();
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        try (Socket plain = addresses.connect(host, port, remaining(deadline, timeout))) {
            Socket socket = https ? tls(plain, name, port, deadline, timeout) : plain;
            var in = new DeadlineInput(socket, deadline, timeout);
            OutputStream out = socket.getOutputStream();
            out.write(head(method, uri, headers, body).getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            int status;
            Map<String, List<String>> answerHeaders;
            do {
                status = statusOf(readLine(in));
                answerHeaders = readHeaders(in);
            } while (status >= 100 && status < 200);
            boolean noBody = method.equals("HEAD") || status == 204 || status == 304;
            var kept = new ByteArrayOutputStream();
            boolean truncated = false;
            if (!noBody) {
                String encoding = first(answerHeaders, "transfer-encoding");
                String length = first(answerHeaders, "content-length");
                if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                    truncated = readChunked(in, kept, maxBody);
                } else if (length != null) {
                    long n;
                    try {
                        n = Long.parseLong(length.strip());
                    } catch (NumberFormatException e) {
                        throw new IOException("invalid Content-Length: " + length);
                    }
                    truncated = copy(in, kept, n, maxBody);
                } else {
                    truncated = copy(in, kept, -1, maxBody);
                }
            }
            return new Exchange(status, answerHeaders, kept.toByteArray(), truncated);
        }
    }

    private Socket tls(Socket plain, String name, int port, long deadline, Duration timeout) throws IOException {
        var ssl = (SSLSocket) tlsSockets.createSocket(plain, name, port, true);
        var parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (AddressRange.literal(name).isEmpty()) {
            parameters.setServerNames(List.of(new SNIHostName(name)));
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(millis(remaining(deadline, timeout)));
        ssl.startHandshake();
        return ssl;
    }

    static String head(String method, URI uri, Map<String, String> headers, byte[] body) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        boolean defaultPort = uri.getPort() == -1;
        var head = new StringBuilder(method).append(' ').append(path).append(query).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(uri.getHost()).append(defaultPort ? "" : ":" + uri.getPort()).append("\r\n");
        Map<String, String> all = new LinkedHashMap<>();
        all.put("User-Agent", "Texium-Scheduler");
        all.put("Accept", "*/*");
        headers.forEach((k, v) -> {
            all.keySet().removeIf(existing -> existing.equalsIgnoreCase(k));
            all.put(k, v);
        });
        all.forEach((k, v) -> {
            String problem = headerProblem(k, v);
            if (problem != null) {
                throw new IllegalArgumentException("header " + k + ": " + problem);
            }
            head.append(k).append(": ").append(v).append("\r\n");
        });
        if (body != null || Set.of("POST", "PUT", "PATCH").contains(method)) {
            head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
        }
        return head.append("Connection: close\r\n\r\n").toString();
    }

    /** What is wrong with a request header a caller sets; null when nothing is. */
    public static String headerProblem(String name, String value) {
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
            return "is not a valid header name";
        }
        if (OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            return "is set by the scheduler itself";
        }
        if (!value.chars().allMatch(c -> c == '\t' || c >= 32 && c < 127 || c >= 160 && c <= 255)) {
            return "must not contain line breaks, control or non-Latin-1 characters";
        }
        return null;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static int statusOf(String line) throws IOException {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
            throw new IOException("not an HTTP response: " + (line.length() > 100 ? line.substring(0, 100) : line));
        }
        return Integer.parseInt(parts[1]);
    }

    private static Map<String, List<String>> readHeaders(InputStream in) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>();
        for (int count = 0; ; count++) {
            String line = readLine(in);
            if (line.isEmpty()) {
                return headers;
            }
            if (count >= MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " response headers");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
                        .add(line.substring(colon + 1).strip());
            }
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b == -1) {
                if (line.size() == 0) {
                    throw new IOException("the server closed the connection without an answer");
                }
                break;
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("a response line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Copies {@code length} bytes (-1: up to the end) keeping at most {@code room}; true when bytes were left over. */
    private static boolean copy(InputStream in, ByteArrayOutputStream kept, long length, int room) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left != 0) {
            int want = (int) Math.min(buffer.length, left < 0 ? buffer.length : left);
            int n = in.read(buffer, 0, want);
            if (n == -1) {
                if (length >= 0) {
                    throw new IOException("the server closed the connection " + left + " bytes before the end of the body");
                }
                return false;
            }
            int keep = Math.min(n, room - kept.size());
            kept.write(buffer, 0, keep);
            if (keep < n) {
                return true;
            }
            if (left > 0) {
                left -= n;
            }
        }
        return false;
    }

    private static boolean readChunked(InputStream in, ByteArrayOutputStream kept, int room) throws IOException {
        while (true) {
            String line = readLine(in);
            int semicolon = line.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? line : line.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("invalid chunk size: " + line);
            }
            if (size == 0) {
                return false;
            }
            if (copy(in, kept, size, room)) {
                return true;
            }
            readLine(in);
        }
    }

    private static Duration remaining(long deadline, Duration timeout) throws SocketTimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("timed out after " + timeout.toMillis() + " ms");
        }
        return Duration.ofNanos(left);
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    /** The socket's input, each read bounded by what is left of the whole exchange's time. */
    private static final class DeadlineInput extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private final Duration timeout;

        DeadlineInput(Socket socket, long deadline, Duration timeout) throws IOException {
            this.socket = socket;
            this.in = new java.io.BufferedInputStream(socket.getInputStream());
            this.deadline = deadline;
            this.timeout = timeout;
        }

        @Override
        public int read() throws IOException {
            arm();
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            arm();
            return in.read(b, off, len);
        }

        private void arm() throws IOException {
            socket.setSoTimeout(millis(remaining(deadline, timeout)));
        }
    }
}
