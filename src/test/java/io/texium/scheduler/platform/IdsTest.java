package io.texium.scheduler.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.problems.NotFoundException;
import java.time.Instant;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class IdsTest {

    static final Instant DUE = Instant.parse("2026-11-30T14:05:00Z");

    @Test
    void a_fire_has_one_id_on_every_instance() {
        assertThat(Ids.forFire("65f1a2b3c4d5e6f708192a3b", DUE)).isEqualTo(Ids.forFire("65f1a2b3c4d5e6f708192a3b", DUE));
    }

    @Test
    void fire_ids_differ_by_job_and_by_due_time_and_carry_the_due_second() {
        String id = Ids.forFire("65f1a2b3c4d5e6f708192a3b", DUE);
        assertThat(id).isNotEqualTo(Ids.forFire("65f1a2b3c4d5e6f708192a3c", DUE))
                .isNotEqualTo(Ids.forFire("65f1a2b3c4d5e6f708192a3b", DUE.plusSeconds(1)));
        assertThat(ObjectId.isValid(id)).isTrue();
        assertThat(new ObjectId(id).getTimestamp()).isEqualTo((int) DUE.getEpochSecond());
    }

    @Test
    void a_malformed_id_is_not_found() {
        assertThatThrownBy(() -> Ids.require("job", "xyz")).isInstanceOf(NotFoundException.class).hasMessageContaining("xyz");
        assertThatThrownBy(() -> Ids.require("job", null)).isInstanceOf(NotFoundException.class);
        assertThat(Ids.require("job", "65F1A2B3C4D5E6F708192A3B")).isEqualTo("65f1a2b3c4d5e6f708192a3b");
    }
}
