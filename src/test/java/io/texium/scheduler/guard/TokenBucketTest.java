package io.texium.scheduler.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.platform.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    final SettableClock clock = new SettableClock(Instant.parse("2026-11-29T12:00:00Z"));

    /** The default API limit: 100 at once, then 20 a second. */
    final Buckets cut = new Buckets(Limit.perSecond(100, 20), 1_000);

    Decision take() {
        return cut.take("alice", clock.instant());
    }

    @Nested
    @DisplayName("a burst")
    class Burst {

        @Test
        void is_allowed_up_to_the_capacity_and_counts_down() {
            List<Long> remaining = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Decision decision = take();
                assertThat(decision.allowed()).as("call %d", i + 1).isTrue();
                remaining.add(decision.remaining());
            }
            assertThat(remaining).startsWith(99L, 98L, 97L).endsWith(1L, 0L);
        }

        @Test
        void crosses_the_limit_and_is_told_when_to_come_back() {
            for (int i = 0; i < 100; i++) {
                take();
            }
            Decision refused = take();
            assertThat(refused.allowed()).isFalse();
            assertThat(refused.remaining()).isZero();
            assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(50));
            assertThat(refused.retryAfterSeconds()).as("Retry-After rounds up").isEqualTo(1);
            assertThat(refused.reset()).isEqualTo(Duration.ofSeconds(5));
            assertThat(take().allowed()).as("a refused call spends nothing, and gains nothing").isFalse();
        }

        @Test
        void refills_one_call_per_interval() {
            for (int i = 0; i < 100; i++) {
                take();
            }
            clock.advance(Duration.ofMillis(49));
            assertThat(take().allowed()).isFalse();
            clock.advance(Duration.ofMillis(1));
            assertThat(take().allowed()).isTrue();
            assertThat(take().allowed()).isFalse();
        }

        @Test
        void is_allowed_whole_again_after_the_window() {
            for (int i = 0; i < 101; i++) {
                take();
            }
            clock.advance(Duration.ofSeconds(5));
            Decision first = take();
            assertThat(first.allowed()).isTrue();
            assertThat(first.remaining()).isEqualTo(99);
            for (int i = 0; i < 99; i++) {
                assertThat(take().allowed()).isTrue();
            }
            assertThat(take().allowed()).isFalse();
        }
    }

    @Test
    void a_steady_caller_below_the_rate_is_never_refused() {
        // a console polling every 2 s with 8 calls a poll, for ten minutes
        for (int poll = 0; poll < 300; poll++) {
            for (int call = 0; call < 8; call++) {
                assertThat(take().allowed()).isTrue();
            }
            clock.advance(Duration.ofSeconds(2));
        }
    }

    @Test
    void a_caller_at_the_rate_keeps_going_at_the_rate() {
        for (int i = 0; i < 100; i++) {
            take();
        }
        int allowed = 0;
        for (int ms = 0; ms < 10_000; ms += 10) {
            clock.advance(Duration.ofMillis(10));
            allowed += take().allowed() ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(200);
    }

    @Test
    void callers_have_buckets_of_their_own() {
        for (int i = 0; i < 101; i++) {
            take();
        }
        assertThat(cut.take("bob", clock.instant()).allowed()).isTrue();
    }

    @Test
    void a_call_given_back_is_allowed_again() {
        for (int i = 0; i < 100; i++) {
            take();
        }
        cut.giveBack("alice", clock.instant());
        assertThat(take().allowed()).isTrue();
        assertThat(take().allowed()).isFalse();
    }

    @Test
    void giving_back_never_fills_a_bucket_beyond_its_capacity() {
        for (int i = 0; i < 5; i++) {
            cut.giveBack("alice", clock.instant());
        }
        take();
        assertThat(take().remaining()).isEqualTo(98);
    }

    @Test
    void reset_counts_until_the_bucket_is_full() {
        for (int i = 0; i < 40; i++) {
            take();
        }
        Decision decision = take();
        assertThat(decision.reset()).isEqualTo(Duration.ofMillis(41 * 50));
        assertThat(decision.resetSeconds()).isEqualTo(3);
    }

    @Test
    void a_clock_that_steps_back_gives_no_extra_calls() {
        for (int i = 0; i < 100; i++) {
            take();
        }
        clock.advance(Duration.ofSeconds(-30));
        assertThat(take().allowed()).isFalse();
    }

    @Test
    void memory_stays_bounded_under_a_flood_of_distinct_keys() {
        var small = new Buckets(Limit.perSecond(10, 1), 100);
        for (int i = 0; i < 10_000; i++) {
            small.take("key-" + i, clock.instant());
            clock.advance(Duration.ofMillis(1));
        }
        assertThat(small.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void a_window_limit_allows_the_count_then_one_per_share_of_the_window() {
        var signIns = new Buckets(Limit.perWindow(10, Duration.ofMinutes(1)), 100);
        for (int i = 0; i < 10; i++) {
            assertThat(signIns.take("alice", clock.instant()).allowed()).isTrue();
        }
        Decision refused = signIns.take("alice", clock.instant());
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(6);
        clock.advance(Duration.ofSeconds(6));
        assertThat(signIns.take("alice", clock.instant()).allowed()).isTrue();
    }
}
