package io.texium.scheduler.bench;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** Millisecond samples reduced to the figures the table shows: percentiles of one run, medians across runs. */
final class Samples {

    private Samples() {
    }

    /** A distribution of one run: sample count, p50, p99 and max, in milliseconds. */
    record Dist(int n, double p50, double p99, double max) {

        static Dist of(Collection<Double> millis) {
            if (millis.isEmpty()) {
                return null;
            }
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Dist(sorted.length, percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1]);
        }

        /** The median of each figure over several runs; null when no run had samples. */
        static Dist median(List<Dist> runs) {
            List<Dist> present = runs.stream().filter(Objects::nonNull).toList();
            if (present.isEmpty()) {
                return null;
            }
            return new Dist((int) Samples.median(present.stream().map(d -> (double) d.n()).toList()),
                    Samples.median(present.stream().map(Dist::p50).toList()),
                    Samples.median(present.stream().map(Dist::p99).toList()),
                    Samples.median(present.stream().map(Dist::max).toList()));
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The median, ignoring NaN; NaN when nothing is left. */
    static double median(List<Double> values) {
        double[] sorted = values.stream().filter(v -> v != null && !v.isNaN()).mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "n/a";
        }
        return millis >= 100 ? String.format("%,.0f ms", millis) : String.format("%.1f ms", millis);
    }

    static String dist(Dist d) {
        return d == null ? "n/a" : ms(d.p50()) + " / " + ms(d.p99()) + " / " + ms(d.max());
    }
}
