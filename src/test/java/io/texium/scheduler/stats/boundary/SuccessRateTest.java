package io.texium.scheduler.stats.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** success_rate = succeeded / (succeeded + failed + timeout), in percent with two decimals. */
class SuccessRateTest {

    @ParameterizedTest(name = "{0} succeeded, {1} failed, {2} timed out: {3} %")
    @CsvSource({
            "0, 0, 0, 0.0",
            "1, 0, 0, 100.0",
            "3, 1, 0, 75.0",
            "3, 0, 1, 75.0",
            "2, 1, 1, 50.0",
            "4285, 18, 5, 99.47",
            "0, 0, 7, 0.0"})
    void counts_timeouts_as_ended_runs_that_did_not_succeed(long succeeded, long failed, long timeout, double rate) {
        assertThat(StatsResource.successRate(succeeded, failed, timeout)).isEqualTo(rate);
    }
}
