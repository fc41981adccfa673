package io.texium.scheduler.guard;

import io.texium.scheduler.problems.Problem;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request that the guard answers itself, before any feature sees it (429, 413, 415): thrown by a check,
 * sent as problem+json with its headers. It carries no stack trace: it is an answer, not a fault.
 */
public final class Refusal extends Exception {

    private final int status;
    private final String title;
    private final Map<String, String> headers = new LinkedHashMap<>();

    Refusal(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    /** 429 with {@code Retry-After}: when the refusing bucket allows the next call. */
    static Refusal tooManyRequests(String detail, Decision decision) {
        var refusal = new Refusal(429, "Too Many Requests", detail);
        refusal.headers.put("Retry-After", String.valueOf(decision.retryAfterSeconds()));
        return refusal;
    }

    /** 413: the body is larger than the limit; the connection is closed rather than the rest of the body read. */
    static Refusal tooLarge(long maxBytes) {
        var refusal = new Refusal(413, "Content Too Large",
                "The request body is larger than the limit of " + maxBytes + " bytes.");
        refusal.headers.put("Connection", "close");
        return refusal;
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    public void send(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        headers.forEach(response::setHeader);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Problem.json(status, title, getMessage()));
    }
}
