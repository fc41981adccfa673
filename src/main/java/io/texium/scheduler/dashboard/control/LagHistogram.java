package io.texium.scheduler.dashboard.control;

import java.util.Map;
import java.util.TreeMap;

/**
 * Lags in milliseconds as counts per bin: one bin per millisecond below {@value #EXACT} ms, above that bins 5% wide
 * (a bin's lower edge is 1.05 times the previous one's). So a percentile read from it is exact below 100 ms and at
 * most 5% low above, whatever the number of lags, and an hour's bins merge with another's by adding counts.
 */
public final class LagHistogram {

    static final int EXACT = 100;
    private static final double GROWTH = 1.05;

    private final TreeMap<Integer, Long> bins = new TreeMap<>();
    private long count;

    /** The bin of a lag; a negative lag (a clock step) counts as 0. */
    static int bin(long millis) {
        if (millis < EXACT) {
            return (int) Math.max(0, millis);
        }
        return EXACT + (int) Math.floor(Math.log((double) millis / EXACT) / Math.log(GROWTH) + 1e-9);
    }

    /** The smallest lag the bin holds. */
    static long lowerEdge(int bin) {
        if (bin < EXACT) {
            return bin;
        }
        return (long) Math.ceil(EXACT * Math.pow(GROWTH, bin - EXACT) - 1e-9);
    }

    public void add(long millis) {
        addBin(bin(millis), 1);
    }

    void addBin(int bin, long n) {
        bins.merge(bin, n, Long::sum);
        count += n;
    }

    public void merge(LagHistogram other) {
        other.bins.forEach(this::addBin);
    }

    public long count() {
        return count;
    }

    /**
     * The nearest-rank percentile ({@code p} in (0, 1]): the lower edge of the bin that holds the
     * {@code ceil(p * count)}-th smallest lag; null when empty.
     */
    public Long percentile(double p) {
        if (count == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p * count));
        long seen = 0;
        for (var bin : bins.entrySet()) {
            seen += bin.getValue();
            if (seen >= rank) {
                return lowerEdge(bin.getKey());
            }
        }
        return lowerEdge(bins.lastKey());
    }

    /** The bins as stored: bin number (as text) to count. */
    public Map<String, Long> toMap() {
        Map<String, Long> stored = new TreeMap<>();
        bins.forEach((bin, n) -> stored.put(Integer.toString(bin), n));
        return stored;
    }

    public static LagHistogram of(Map<String, ?> stored) {
        var histogram = new LagHistogram();
        if (stored != null) {
            stored.forEach((bin, n) -> histogram.addBin(Integer.parseInt(bin), ((Number) n).longValue()));
        }
        return histogram;
    }
}
