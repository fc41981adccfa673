package io.texium.scheduler.timers.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a reconcile reports: the drift found, and as repaired what is gone from the drift after it. */
class ReconciledTest {

    @Test
    void counts_as_repaired_what_left_the_drift() {
        var found = new JobTimers.Drift(List.of("a", "b"), List.of("c"), List.of("d"));
        var after = new JobTimers.Drift(List.of("b"), List.of(), List.of("e"));
        var r = Reconciled.of("i1", found, after);
        assertThat(r.answered()).isTrue();
        assertThat(r.found()).isEqualTo(new Reconciled.Found(2, 1, 1));
        assertThat(r.repaired()).isEqualTo(new Reconciled.Repaired(1, 1, 1));
        assertThat(r.foundJobIds()).isEqualTo(found);
    }

    @Test
    void names_at_most_100_ids_of_each_kind_but_counts_all() {
        var many = IntStream.range(0, 250).mapToObj(i -> String.format("%04d", i)).toList();
        var r = Reconciled.of("i1", new JobTimers.Drift(many, List.of(), List.of()), new JobTimers.Drift(List.of(), List.of(), List.of()));
        assertThat(r.found().missing()).isEqualTo(250);
        assertThat(r.repaired().armed()).isEqualTo(250);
        assertThat(r.foundJobIds().missing()).hasSize(100).startsWith("0000");
    }

    @Test
    void an_instance_that_did_not_answer_is_pending() {
        var r = Reconciled.pending("i2");
        assertThat(r.answered()).isFalse();
        assertThat(r.found()).isNull();
    }
}
