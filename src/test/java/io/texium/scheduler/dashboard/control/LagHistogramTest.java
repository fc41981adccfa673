package io.texium.scheduler.dashboard.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Percentiles read from the lag bins: exact below 100 ms, at most 5% low above, and mergeable. */
class LagHistogramTest {

    @Test
    void below_100_ms_the_nearest_rank_percentiles_are_exact() {
        var cut = new LagHistogram();
        LongStream.rangeClosed(1, 20).forEach(cut::add); // 1..20 ms
        assertThat(cut.percentile(0.50)).isEqualTo(10L);
        assertThat(cut.percentile(0.95)).isEqualTo(19L);
        assertThat(cut.percentile(1.0)).isEqualTo(20L);
        assertThat(cut.count()).isEqualTo(20);
    }

    @Test
    void an_empty_histogram_has_no_percentile_and_a_negative_lag_counts_as_zero() {
        var cut = new LagHistogram();
        assertThat(cut.percentile(0.5)).isNull();
        cut.add(-40);
        assertThat(cut.percentile(0.5)).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {100, 104, 105, 110, 111, 999, 1_000, 12_345, 3_600_000, 86_400_000L * 30})
    void above_100_ms_a_value_reads_back_at_most_5_percent_low(long millis) {
        int bin = LagHistogram.bin(millis);
        long edge = LagHistogram.lowerEdge(bin);
        assertThat(edge).isLessThanOrEqualTo(millis).isGreaterThanOrEqualTo((long) Math.floor(millis / 1.05));
        assertThat(LagHistogram.lowerEdge(bin + 1)).isGreaterThan(millis);
    }

    @Test
    void merged_hours_give_the_percentiles_of_all_their_lags() {
        var random = new Random(3);
        var whole = new LagHistogram();
        var first = new LagHistogram();
        var second = new LagHistogram();
        for (int i = 0; i < 10_000; i++) {
            long lag = random.nextInt(2_000);
            whole.add(lag);
            (i % 2 == 0 ? first : second).add(lag);
        }
        first.merge(second);
        assertThat(first.percentile(0.95)).isEqualTo(whole.percentile(0.95));
        assertThat(LagHistogram.of(first.toMap()).percentile(0.5)).isEqualTo(whole.percentile(0.5));
    }
}
