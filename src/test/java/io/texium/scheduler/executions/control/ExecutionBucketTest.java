package io.texium.scheduler.executions.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.platform.Ids;
import java.time.Instant;
import java.util.Date;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExecutionBucketTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2026-11-29T09:00:00Z,           2026112909",
            "2026-11-29T09:59:59.999Z,       2026112909",
            "2026-11-29T10:00:00Z,           2026112910",
            "2026-12-31T23:30:00Z,           2026123123",
            "2027-01-01T00:00:00Z,           2027010100"})
    void an_instant_falls_in_the_utc_hour_that_holds_it(Instant instant, String name) {
        var bucket = ExecutionBucket.of(instant);
        assertThat(bucket.name()).isEqualTo(name);
        assertThat(bucket.collection()).isEqualTo("scheduler_executions_" + name);
        assertThat(bucket.start()).isBeforeOrEqualTo(instant);
        assertThat(bucket.end()).isAfter(instant).isEqualTo(bucket.start().plusSeconds(3600));
    }

    @Test
    @DisplayName("a fire's id names the hour of its due second; a manual run's the hour it was made in")
    void an_id_names_its_bucket() {
        Instant due = Instant.parse("2026-11-29T09:59:59Z");
        assertThat(ExecutionBucket.ofId(Ids.forFire("job-1", due)).name()).isEqualTo("2026112909");
        assertThat(ExecutionBucket.ofId(Ids.forFire("job-1", due.plusSeconds(1))).name()).isEqualTo("2026112910");
        String manual = new ObjectId(Date.from(Instant.parse("2026-11-29T10:15:00.700Z"))).toHexString();
        assertThat(ExecutionBucket.ofId(manual).name()).isEqualTo("2026112910");
    }

    @Test
    void names_sort_as_the_hours_do() {
        var earlier = ExecutionBucket.of(Instant.parse("2026-11-29T23:00:00Z"));
        var later = ExecutionBucket.of(Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(earlier).isLessThan(later);
        assertThat(ExecutionBucket.ofCollection(later.collection())).contains(later);
        assertThat(ExecutionBucket.ofCollection("scheduler_executions")).isEmpty();
        assertThat(ExecutionBucket.ofCollection("scheduler_execution_buckets")).isEmpty();
        assertThatThrownBy(() -> new ExecutionBucket("2026-11-29")).isInstanceOf(IllegalArgumentException.class);
    }
}
