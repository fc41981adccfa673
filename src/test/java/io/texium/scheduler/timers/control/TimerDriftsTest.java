package io.texium.scheduler.timers.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.cluster.control.Owners;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Another instance's drift: its published timers against the active jobs it owns. */
class TimerDriftsTest {

    @Test
    void missing_are_owned_active_jobs_not_published_and_orphans_published_jobs_not_owned_or_inactive() {
        var drift = TimerDrifts.compare(Set.of("a", "c", "x"), List.of("a", "b", "c", "d"), id -> !id.equals("c"));
        assertThat(drift.missing()).containsExactly("b", "d");
        assertThat(drift.orphans()).containsExactly("c", "x");
        assertThat(drift.stale()).isEmpty();
    }

    @Test
    void with_owners_by_hashing_each_instance_is_compared_with_its_own_share() {
        Owners owners = Owners.of(List.of("i1", "i2", "i3"), 1);
        List<String> active = List.of("j1", "j2", "j3", "j4", "j5", "j6");
        var held = active.stream().filter(id -> owners.owns("i2", id)).collect(java.util.stream.Collectors.toSet());
        assertThat(TimerDrifts.compare(held, active, id -> owners.owns("i2", id)).none()).isTrue();
        var other = TimerDrifts.compare(held, active, id -> owners.owns("i3", id));
        assertThat(other.orphans()).containsExactlyInAnyOrderElementsOf(held);
    }
}
