package io.texium.scheduler.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the filter does to names and examples, without a server (the document itself: OpenApiDocumentIT). */
class ApiDocumentFilterTest {

    @ParameterizedTest
    @CsvSource({"pageSize, page_size", "startedAt, started_at", "id, id", "sha256, sha256", "p50Ms, p50_ms",
        "totalEstimated, total_estimated"})
    void property_names_are_written_as_json_b_writes_them(String field, String json) {
        assertThat(ApiDocumentFilter.snakeCase(field)).isEqualTo(json);
    }

    @Test
    void an_example_written_as_json_text_becomes_json() {
        assertThat(ApiDocumentFilter.parsed(" {\"minute\": \"*/5\", \"pub_args\": [\"Hello\", 2, 1.5, true]}"))
                .isEqualTo(Map.of("minute", "*/5", "pub_args", List.of("Hello", 2L, new java.math.BigDecimal("1.5"), true)));
        assertThat(ApiDocumentFilter.parsed("[{\"a\": {}}]")).isEqualTo(List.of(Map.of("a", Map.of())));
    }

    @Test
    void text_that_is_no_json_object_and_json_with_a_null_stay_text() {
        assertThat(ApiDocumentFilter.parsed("txm_...")).isNull();
        assertThat(ApiDocumentFilter.parsed("{not json")).isNull();
        assertThat(ApiDocumentFilter.parsed("{\"timeout_seconds\": null}")).as("the writer would drop the null").isNull();
        assertThat(ApiDocumentFilter.parsed("{\"a\": [1, null]}")).isNull();
    }
}
