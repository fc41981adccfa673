package io.texium.scheduler.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.platform.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The migration lease between two instances on one store, on a settable clock. */
class MigrationLeaseTest {

    static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    static final Duration TTL = Duration.ofSeconds(60);

    final SettableClock clock = new SettableClock(T0);
    final SchemaStore store = new SchemaStore();
    final MigrationLease a = new MigrationLease(store.db, clock, "instance-a", "host-a", TTL);
    final MigrationLease b = new MigrationLease(store.db, clock, "instance-b", "host-b", TTL);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    @DisplayName("a free lease goes to the first instance; the other cannot take it while it runs")
    void one_holder_at_a_time() {
        assertThat(a.holder()).isEmpty();
        assertThat(a.take()).isTrue();
        assertThat(b.take()).isFalse();
        assertThat(b.holder()).contains(new MigrationLease.Holder("instance-a", "host-a", T0.plus(TTL)));
        clock.advance(TTL.minusSeconds(1));
        assertThat(b.take()).as("one second before it expires").isFalse();
        assertThat(a.take()).as("its owner may take it again").isTrue();
    }

    @Test
    @DisplayName("renewals keep the lease past its first expiry")
    void renewed_lease_holds() {
        a.take();
        for (int i = 0; i < 5; i++) {
            clock.advance(a.renewEvery());
            assertThat(a.renew()).isTrue();
        }
        assertThat(clock.instant()).isAfter(T0.plus(TTL));
        assertThat(b.take()).isFalse();
        assertThat(b.holder().orElseThrow().expiresAt()).isEqualTo(clock.instant().plus(TTL));
    }

    @Test
    @DisplayName("an expired lease is taken over, and its former owner learns it at its next renewal")
    void expired_lease_is_taken_over() {
        a.take();
        clock.advance(TTL.plusMillis(1));
        assertThat(b.take()).isTrue();
        assertThat(a.holder().orElseThrow().owner()).isEqualTo("instance-b");
        assertThat(a.renew()).isFalse();
        assertThat(a.take()).isFalse();
        a.release();
        assertThat(b.holder()).as("a former owner's release leaves the new owner's lease").isPresent();
    }

    @Test
    void a_released_lease_is_free_at_once() {
        a.take();
        a.release();
        assertThat(a.holder()).isEmpty();
        assertThat(b.take()).isTrue();
    }
}
