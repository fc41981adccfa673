package io.texium.scheduler.timers.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.texium.scheduler.timers.control.JobTimers.Armed;
import jakarta.ejb.Timer;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The held timers are counted and paged apart from the entries without a timer, in step with every write. */
class ArmedIndexTest {

    ArmedIndex cut = new ArmedIndex();

    /**
     * A timer the index only holds: it answers identity and nothing else, so that a test fails at once if the index
     * ever asks a timer anything (each such call would take the server's timer lock on every page).
     */
    static Timer timer() {
        return (Timer) Proxy.newProxyInstance(Timer.class.getClassLoader(), new Class<?>[] {Timer.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new AssertionError("the index asked its timer for " + method.getName());
                });
    }

    static Armed held() {
        return new Armed(timer(), 1, Map.of(), true, Instant.EPOCH);
    }

    static Armed noFireLeft() {
        return new Armed(null, 1, Map.of(), true, Instant.EPOCH);
    }

    @Test
    void counts_and_pages_only_the_entries_that_hold_a_timer_in_id_order() {
        cut.put("c", held());
        cut.put("a", held());
        cut.put("b", noFireLeft());
        cut.put("d", held());
        assertSoftly(s -> {
            s.assertThat(cut.heldCount()).isEqualTo(3);
            s.assertThat(cut.heldIds()).containsExactly("a", "c", "d");
            s.assertThat(cut.heldIds(1, 1)).containsExactly("c");
            s.assertThat(cut.heldIds(2, 100)).containsExactly("d");
            s.assertThat(cut.heldIds(3, 100)).isEmpty();
            s.assertThat(cut.entries().keySet()).containsExactly("a", "b", "c", "d");
        });
    }

    @Test
    void a_replaced_entry_is_counted_once_and_leaves_the_held_ones_when_it_loses_its_timer() {
        cut.put("a", held());
        cut.put("a", held());
        assertThat(cut.heldCount()).isEqualTo(1);
        cut.put("a", noFireLeft());
        assertSoftly(s -> {
            s.assertThat(cut.heldCount()).isZero();
            s.assertThat(cut.heldIds()).isEmpty();
            s.assertThat(cut.get("a").timer()).isNull();
        });
        cut.put("a", held());
        assertThat(cut.heldIds()).containsExactly("a");
    }

    @Test
    void a_removed_entry_leaves_both_and_answers_what_it_was() {
        Armed a = held();
        cut.put("a", a);
        cut.put("b", noFireLeft());
        assertThat(cut.remove("a")).isSameAs(a);
        assertThat(cut.remove("b")).isNotNull();
        assertThat(cut.remove("missing")).isNull();
        assertSoftly(s -> {
            s.assertThat(cut.heldCount()).isZero();
            s.assertThat(cut.heldIds()).isEmpty();
            s.assertThat(cut.entries()).isEmpty();
        });
    }

    @Test
    void the_count_matches_a_walk_after_many_writes() {
        for (int i = 0; i < 1_000; i++) {
            String id = "j" + (i % 97);
            switch (i % 3) {
                case 0 -> cut.put(id, held());
                case 1 -> cut.put(id, noFireLeft());
                default -> cut.remove(id);
            }
        }
        long walked = cut.entries().values().stream().filter(a -> a.timer() != null).count();
        assertThat(cut.heldCount()).isEqualTo(walked);
        assertThat(cut.heldIds()).isEqualTo(cut.entries().entrySet().stream()
                .filter(e -> e.getValue().timer() != null).map(Map.Entry::getKey).toList());
    }
}
