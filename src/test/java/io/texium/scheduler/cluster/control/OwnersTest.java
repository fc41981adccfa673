package io.texium.scheduler.cluster.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.platform.Ids;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OwnersTest {

    static final int JOBS = 10_000;
    static final List<String> JOB_IDS = IntStream.range(0, JOBS).mapToObj(i -> Ids.newId()).toList();

    @Test
    @DisplayName("the same members give the same owners, whatever their order or the JVM")
    void deterministic() {
        var a = Owners.of(List.of("i1", "i2", "i3"), 2);
        var b = Owners.of(List.of("i3", "i1", "i2", "i1"), 2);
        for (String job : JOB_IDS) {
            assertThat(b.of(job)).isEqualTo(a.of(job));
        }
        // fixed values: a change of the hash would re-shuffle every cluster during a rolling upgrade
        assertThat(Owners.of(List.of("a", "b", "c"), 2).of("6747a1c2e4b0a1b2c3d4e5f6")).containsExactly("b", "a");
    }

    @Nested
    @DisplayName("two instances")
    class Two {

        @Test
        void with_two_owners_every_job_is_on_both_and_each_is_primary_for_about_half() {
            var owners = Owners.of(List.of("i1", "i2"), 2);
            assertThat(owners.everyone()).isTrue();
            Map<String, Integer> primaries = new HashMap<>();
            for (String job : JOB_IDS) {
                var of = owners.of(job);
                assertThat(of).containsExactlyInAnyOrder("i1", "i2");
                assertThat(owners.owns("i1", job)).isTrue();
                primaries.merge(of.get(0), 1, Integer::sum);
            }
            assertThat(primaries.get("i1")).isBetween(JOBS * 45 / 100, JOBS * 55 / 100);
        }

        @Test
        void with_one_owner_each_owns_about_half_and_every_job_has_exactly_one() {
            var owners = Owners.of(List.of("i1", "i2"), 1);
            int first = 0;
            for (String job : JOB_IDS) {
                assertThat(owners.of(job)).hasSize(1);
                assertThat(owners.owns("i1", job)).isNotEqualTo(owners.owns("i2", job));
                first += owners.owns("i1", job) ? 1 : 0;
            }
            assertThat(first).isBetween(JOBS * 45 / 100, JOBS * 55 / 100);
        }
    }

    @Test
    void one_instance_owns_everything_without_hashing() {
        var owners = Owners.of(List.of("only"), 2);
        assertThat(owners.everyone()).isTrue();
        assertThat(owners.of(JOB_IDS.get(0))).containsExactly("only");
        assertThat(owners.owns("only", JOB_IDS.get(0))).isTrue();
        assertThat(owners.owns("other", JOB_IDS.get(0))).isFalse();
    }

    @Test
    void every_job_has_two_distinct_owners_and_the_load_is_even() {
        List<String> members = List.of("a", "b", "c", "d", "e");
        var owners = Owners.of(members, 2);
        Map<String, Integer> held = new HashMap<>();
        for (String job : JOB_IDS) {
            var of = owners.of(job);
            assertThat(of).hasSize(2).doesNotHaveDuplicates();
            of.forEach(m -> held.merge(m, 1, Integer::sum));
        }
        // each holds 2/5 of the jobs
        held.values().forEach(n -> assertThat(n).isBetween(JOBS * 2 / 5 * 90 / 100, JOBS * 2 / 5 * 110 / 100));
    }

    @Test
    @DisplayName("removing an instance changes the owners of its own jobs only, and its second owner already had them")
    void removing_one_changes_only_its_jobs() {
        var before = Owners.of(List.of("a", "b", "c", "d"), 2);
        var after = Owners.of(List.of("a", "b", "d"), 2);
        int moved = 0;
        for (String job : JOB_IDS) {
            var was = before.of(job);
            var now = after.of(job);
            if (!was.contains("c")) {
                assertThat(now).as(job).isEqualTo(was);
            } else {
                moved++;
                List<String> kept = new ArrayList<>(was);
                kept.remove("c");
                assertThat(now).as("the surviving owner stays an owner").containsAll(kept);
            }
        }
        assertThat(moved).isBetween(JOBS / 2 * 90 / 100, JOBS / 2 * 110 / 100);
    }

    @Test
    void adding_an_instance_takes_jobs_only_into_its_own_hands() {
        var before = Owners.of(List.of("a", "b", "c"), 2);
        var after = Owners.of(List.of("a", "b", "c", "n"), 2);
        for (String job : JOB_IDS) {
            var now = after.of(job);
            if (!now.contains("n")) {
                assertThat(now).isEqualTo(before.of(job));
            } else {
                assertThat(before.of(job)).containsAll(now.stream().filter(m -> !m.equals("n")).toList());
            }
        }
    }
}
