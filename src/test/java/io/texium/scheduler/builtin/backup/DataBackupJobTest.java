package io.texium.scheduler.builtin.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.jobs.control.JobCatalog;
import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.problems.FieldProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataBackupJobTest {

    final DataBackupJob cut = new DataBackupJob();

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 1001})
    void refuses_a_keep_outside_1_to_1000(long keep) {
        assertThat(JobCatalog.problems(cut, List.of(), Map.of("keep", keep)))
                .containsExactly(new FieldProblem("pub_kwargs.keep", "must be from 1 to 1000"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 1000})
    void accepts_a_keep_from_1_to_1000(long keep) {
        assertThat(JobCatalog.problems(cut, List.of(keep), Map.of())).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void keeps_seven_when_left_out() {
        assertThat(cut.check(Arguments.EMPTY)).isEmpty();
    }
}
