package io.texium.scheduler.executions.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobRunnerTest {

    @ParameterizedTest(name = "fired {0}, next timeout {1} -> due at most {2}")
    @CsvSource(nullValues = "null", value = {
            // on time or late, however late: the due second is the one before the next expiry
            "2026-11-30T10:00:00.003Z, 2026-11-30T10:00:01Z,     2026-11-30T10:00:00.999999999Z",
            "2026-11-30T10:00:00.985Z, 2026-11-30T10:00:01Z,     2026-11-30T10:00:00.999999999Z",
            "2026-11-30T10:00:00.985Z, 2026-11-30T10:00:01.985Z, 2026-11-30T10:00:00.999999999Z",
            // slightly early: still this expiry's second
            "2026-11-30T09:59:59.990Z, 2026-11-30T10:00:01Z,     2026-11-30T10:00:00.999999999Z",
            // a daily job: the window reaches up to just before tomorrow's expiry
            "2026-11-30T09:00:00.400Z, 2026-12-01T09:00:00Z,     2026-12-01T08:59:59.999999999Z",
            // a timer whose next expiry has not advanced past this fire: the fire instant (plus slack) bounds it
            "2026-11-30T10:00:00.003Z, 2026-11-30T10:00:00Z,     2026-11-30T10:00:00.053Z",
            // the last expiry of a timer has no next one
            "2026-11-30T10:00:00.003Z, null,                     2026-11-30T10:00:00.053Z"})
    void the_due_time_lies_before_the_next_expiry(Instant fired, Instant next, Instant bound) {
        assertThat(JobRunner.dueBound(fired, next)).isEqualTo(bound);
    }
}
