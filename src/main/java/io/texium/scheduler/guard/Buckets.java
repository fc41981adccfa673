package io.texium.scheduler.guard;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link TokenBucket} per key (caller, username, address), all with the same limit. Memory stays bounded:
 * past {@code maxKeys} the buckets that are full again are dropped (a full bucket is a new one), and should more
 * than half remain the map is cleared: under a flood of distinct keys the limiter forgets rather than run the
 * instance out of memory.
 */
final class Buckets {

    private final Limit limit;
    private final int maxKeys;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    Buckets(Limit limit, int maxKeys) {
        this.limit = limit;
        this.maxKeys = maxKeys;
    }

    Limit limit() {
        return limit;
    }

    Decision take(String key, Instant now) {
        if (buckets.size() >= maxKeys) {
            forgetFull(now);
        }
        return buckets.computeIfAbsent(key, k -> new TokenBucket(limit, now)).take(now);
    }

    void giveBack(String key, Instant now) {
        TokenBucket bucket = buckets.get(key);
        if (bucket != null) {
            bucket.giveBack(now);
        }
    }

    int size() {
        return buckets.size();
    }

    private synchronized void forgetFull(Instant now) {
        if (buckets.size() < maxKeys) {
            return; // another thread swept meanwhile
        }
        buckets.values().removeIf(bucket -> bucket.fullAt(now));
        if (buckets.size() > maxKeys / 2) {
            buckets.clear();
        }
    }
}
