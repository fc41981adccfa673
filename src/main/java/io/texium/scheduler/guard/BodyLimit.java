package io.texium.scheduler.guard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a request body may be: at most {@code texium.limits.max-body-bytes} (1 MiB by default; 413), in a charset
 * this server can decode (415; an unknown one used to fail deep in the JSON reader with a 500). A body announced
 * by {@code Content-Length} is judged by that number before a byte is read; a streamed body (chunked, no length)
 * is read here up to the limit, so the application reads from memory what it would have read whole anyway.
 */
@ApplicationScoped
public class BodyLimit {

    @Inject
    @ConfigProperty(name = "texium.limits.max-body-bytes", defaultValue = "1048576")
    long maxBytes;

    /** The request to pass on (its streamed body buffered), or the refusal to answer instead. */
    HttpServletRequest admit(HttpServletRequest request) throws Refusal {
        long length = request.getContentLengthLong();
        // HTTP/1.1 without Content-Length has a body only when chunked; HTTP/2 may stream one without either
        boolean streamed = length < 0
                && (request.getHeader("Transfer-Encoding") != null || !request.getProtocol().startsWith("HTTP/1"));
        if (length <= 0 && !streamed) {
            return request;
        }
        Optional<String> charset = charset(request.getContentType());
        if (charset.isPresent() && !decodable(charset.get())) {
            throw new Refusal(415, "Unsupported Media Type",
                    "The charset " + charset.get() + " is not supported; send the body in UTF-8.");
        }
        if (length > maxBytes) {
            throw Refusal.tooLarge(maxBytes);
        }
        if (!streamed) {
            return request;
        }
        byte[] body;
        try {
            body = request.getInputStream().readNBytes(Math.toIntExact(Math.min(maxBytes + 1, Integer.MAX_VALUE - 8)));
        } catch (IOException e) {
            throw new Refusal(400, "Bad Request", "The request body could not be read.");
        }
        if (body.length > maxBytes) {
            throw Refusal.tooLarge(maxBytes);
        }
        return new BufferedBody(request, body, charset.map(Charset::forName).orElse(StandardCharsets.UTF_8));
    }

    /** The {@code charset} parameter of a media type, without quotes. */
    static Optional<String> charset(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("charset")) {
                return Optional.of(parameter.substring(equals + 1).strip().replace("\"", ""));
            }
        }
        return Optional.empty();
    }

    private static boolean decodable(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    /** A request whose body has been read into memory. */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;
        private final Charset charset;

        BufferedBody(HttpServletRequest request, byte[] body, Charset charset) {
            super(request);
            this.body = body;
            this.charset = charset;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new MemoryInput(body);
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    /** A servlet input stream over bytes in memory. */
    static final class MemoryInput extends ServletInputStream {

        private final ByteArrayInputStream in;

        MemoryInput(byte[] bytes) {
            in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("a buffered body is read blocking");
        }
    }
}
