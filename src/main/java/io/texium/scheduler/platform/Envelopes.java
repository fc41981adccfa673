package io.texium.scheduler.platform;

import java.util.List;

/** The response shapes the original service used: {@code {"success": true, "data": ...}} and paged lists. */
public final class Envelopes {

    private Envelopes() {
    }

    /** One object. */
    public record One<T>(boolean success, T data) {
    }

    /** A page of a list. */
    public record Many<T>(boolean success, List<T> data, long total, int page, int pageSize) {
    }

    public static <T> One<T> one(T data) {
        return new One<>(true, data);
    }

    public static <T> Many<T> many(Page<T> page) {
        return new Many<>(true, page.items(), page.total(), page.page(), page.pageSize());
    }
}
