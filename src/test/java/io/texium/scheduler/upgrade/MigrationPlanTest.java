package io.texium.scheduler.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The order the migrations run in, whatever order CDI finds them in, and the versions a plan refuses. */
class MigrationPlanTest {

    record Step(int version, String description) implements Migration {
        @Override
        public void apply() {
        }
    }

    static final Step ONE = new Step(1, "one");
    static final Step TWO = new Step(2, "two");
    static final Step FIVE = new Step(5, "five");

    @Test
    @DisplayName("the steps run in version order, from the one after the stored version")
    void ordered_by_version() {
        var cut = new MigrationPlan(List.of(FIVE, ONE, TWO));
        assertThat(cut.after(0)).containsExactly(ONE, TWO, FIVE);
        assertThat(cut.after(1)).containsExactly(TWO, FIVE);
        assertThat(cut.after(2)).containsExactly(FIVE);
        assertThat(cut.after(5)).isEmpty();
        assertThat(cut.after(7)).as("a store a newer build upgraded").isEmpty();
        assertThat(cut.latest()).isEqualTo(5);
    }

    @Test
    void no_step_is_version_zero() {
        var cut = new MigrationPlan(List.of());
        assertThat(cut.after(0)).isEmpty();
        assertThat(cut.latest()).isZero();
    }

    @Test
    void a_version_used_twice_is_refused_naming_both_steps() {
        assertThatThrownBy(() -> new MigrationPlan(List.of(ONE, TWO, new Step(2, "also two"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema version 2").hasMessageContaining("'two'").hasMessageContaining("'also two'");
    }

    @Test
    void versions_start_at_one() {
        assertThatThrownBy(() -> new MigrationPlan(List.of(new Step(0, "zero"), ONE)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'zero' has version 0");
    }
}
