package io.texium.scheduler.jobs.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.jobs.control.JobChains.Link;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cycle search over the chains of stored jobs, read one breadth at a time. */
class JobChainsTest {

    /** Stored jobs by id, and the reads the search asked for. */
    final Map<String, Link> stored = new HashMap<>();
    final List<Collection<String>> reads = new ArrayList<>();

    void store(String id, String... next) {
        stored.put(id, new Link(id, "u", id, List.of(next)));
    }

    Map<String, Link> load(Collection<String> ids) {
        reads.add(List.copyOf(ids));
        Map<String, Link> found = new HashMap<>();
        ids.forEach(id -> {
            if (stored.containsKey(id)) {
                found.put(id, stored.get(id));
            }
        });
        return found;
    }

    List<String> cycle(String start, String... next) {
        return JobChains.cycle(new Link(start, "u", start, List.of(next)), this::load)
                .map(links -> links.stream().map(Link::id).toList()).orElse(List.of());
    }

    @Test
    void no_cycle_in_a_tree_or_a_diamond() {
        store("b", "d");
        store("c", "d");
        store("d");
        assertThat(cycle("a", "b", "c")).isEmpty();
        assertThat(reads).as("d read once").containsExactly(List.of("b", "c"), List.of("d"));
    }

    @Test
    void the_shortest_cycle_back_to_the_job_with_its_path() {
        store("b", "c", "x");
        store("c", "d");
        store("d", "a");
        store("x", "a");
        assertThat(cycle("a", "b")).containsExactly("a", "b", "x", "a");
    }

    @Test
    void the_new_links_of_the_job_count_not_its_stored_ones() {
        store("a", "b");
        store("b", "a");
        assertThat(cycle("a")).isEmpty();
        assertThat(cycle("a", "b")).containsExactly("a", "b", "a");
    }

    @Test
    void a_cycle_elsewhere_in_the_graph_ends_the_search_without_looping() {
        store("b", "c");
        store("c", "b");
        assertThat(cycle("a", "b")).isEmpty();
        assertThat(reads).hasSize(2);
    }

    @Test
    void unknown_ids_lead_nowhere() {
        store("b", "gone");
        assertThat(cycle("a", "b", "missing")).isEmpty();
    }
}
