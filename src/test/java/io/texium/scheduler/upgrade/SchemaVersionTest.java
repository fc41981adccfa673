package io.texium.scheduler.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.texium.scheduler.upgrade.MigrationPlanTest.Step;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The schema record only grows: a step recorded twice, or after a later one, changes nothing. */
class SchemaVersionTest {

    static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    final SchemaStore store = new SchemaStore();
    final SchemaVersion cut = new SchemaVersion(store.db);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void a_store_without_a_record_is_at_version_zero() {
        assertThat(cut.current()).isZero();
    }

    @Test
    void each_version_is_recorded_once_and_never_goes_back() {
        assertThat(cut.record(new Step(1, "one"), T0, Duration.ofMillis(5), "a")).isTrue();
        assertThat(cut.record(new Step(1, "one"), T0.plusSeconds(1), Duration.ofMillis(5), "b")).isFalse();
        assertThat(cut.record(new Step(3, "three"), T0.plusSeconds(2), Duration.ofMillis(7), "a")).isTrue();
        assertThat(cut.record(new Step(2, "two"), T0.plusSeconds(3), Duration.ofMillis(5), "b")).isFalse();
        assertThat(cut.current()).isEqualTo(3);
        Document record = store.schema().find(Filters.eq("_id", SchemaVersion.ID)).first();
        assertThat(record.getList("applied", Document.class)).extracting(d -> d.getInteger("version")).containsExactly(1, 3);
        assertThat(record.getList("applied", Document.class).getLast())
                .containsEntry("description", "three").containsEntry("duration_ms", 7L).containsEntry("instance_id", "a");
    }
}
