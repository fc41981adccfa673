package io.texium.scheduler.users.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Asked of every feature that keeps objects for a user, before the user is deleted: each observer reports how
 * many it holds (and changes nothing). Observers report in their {@code @Priority} order, which is the order the
 * answer names them in.
 */
public final class OwnedByUser {

    private final String userId;
    private final Map<String, Long> counts = new LinkedHashMap<>();

    OwnedByUser(String userId) {
        this.userId = userId;
    }

    public String userId() {
        return userId;
    }

    /** @param what the kind of object, singular: {@code job}, {@code server} */
    public void report(String what, long count) {
        counts.merge(what, count, Long::sum);
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** "3 job(s) and 0 server(s)" */
    String describe() {
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey() + "(s)")
                .collect(Collectors.joining(" and "));
    }

    Map<String, Long> ordered() {
        return new LinkedHashMap<>(counts);
    }
}
