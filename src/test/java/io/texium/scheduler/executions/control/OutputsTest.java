package io.texium.scheduler.executions.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputsTest {

    @Test
    void text_stays_text_and_other_values_become_json() {
        assertThat(Outputs.output("done")).isEqualTo("done");
        assertThat(Outputs.output(Map.of("args", List.of("a", 1)))).isEqualTo("{\"args\":[\"a\",1]}");
        assertThat(Outputs.output(null)).isNull();
    }

    @Test
    void output_over_64_KiB_is_cut_with_a_visible_marker_and_fits() {
        String big = "é".repeat(40_000); // 80,000 bytes of UTF-8
        String cut = Outputs.truncate(big);
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64 * 1024);
        assertThat(cut).endsWith("[truncated: output exceeded 64 KiB; 80000 bytes in all]");
        assertThat(cut).startsWith("ééé").doesNotContain("\uFFFD");
    }

    @Test
    void output_of_exactly_64_KiB_is_kept_whole() {
        String exact = "x".repeat(64 * 1024);
        assertThat(Outputs.truncate(exact)).isSameAs(exact);
    }

    @Test
    void an_error_carries_its_message_and_stack_trace() {
        String error = Outputs.error(new IllegalStateException("disk full"));
        assertThat(error).startsWith("java.lang.IllegalStateException: disk full").contains("\tat ");
    }

    @Test
    void an_owner_sees_the_type_and_message_of_an_error_but_not_its_trace() {
        var failure = new IllegalStateException("disk full\non /backups", new RuntimeException("mongodb://10.0.0.5:27017 timed out"));
        String stored = Outputs.error(failure);
        assertThat(stored).contains("\tat ", "10.0.0.5");
        assertThat(Outputs.withoutTrace(stored)).isEqualTo("java.lang.IllegalStateException: disk full\non /backups");
        assertThat(Outputs.withoutTrace("plain message")).isEqualTo("plain message");
        assertThat(Outputs.withoutTrace(null)).isNull();
    }
}
