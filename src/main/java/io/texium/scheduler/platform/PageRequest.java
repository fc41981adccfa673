package io.texium.scheduler.platform;

import io.texium.scheduler.problems.InvalidRequestException;

/** A 1-based page number and a page size (at most {@value #MAX_SIZE}), read from the query string. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 500;
    public static final int DEFAULT_SIZE = 50;
    /** How many entries a page may skip: deep paging is slow on MongoDB, and the skip is an int. */
    public static final int MAX_SKIP = 1_000_000;

    /** Parses {@code page} and {@code page_size}; absent values take their defaults. */
    public static PageRequest of(String page, String pageSize) {
        int p = QueryParams.positiveInt("page", page, 1);
        int s = QueryParams.positiveInt("page_size", pageSize, DEFAULT_SIZE);
        if (s > MAX_SIZE) {
            throw new InvalidRequestException("page_size", "must be at most " + MAX_SIZE);
        }
        if ((long) (p - 1) * s > MAX_SKIP) {
            throw new InvalidRequestException("page", "reaches past the first " + MAX_SKIP + " entries; narrow the filters");
        }
        return new PageRequest(p, s);
    }

    public int skip() {
        return (page - 1) * size;
    }
}
