package io.texium.scheduler.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.problems.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request bodies: whatever the JSON parser refuses is a 400 on {@code body}, never a server error. */
class JsonValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\": }", "{'a': 1}", "{\"a\": NaN}"})
    void malformed_json_is_a_400_on_body(String body) {
        assertRefused(body, "malformed JSON");
    }

    @Test
    void nesting_beyond_the_parser_limit_is_a_400() {
        assertRefused("[".repeat(5_000) + "]".repeat(5_000), "malformed JSON");
        assertRefused("{\"a\": " + "[".repeat(1_500) + "]".repeat(1_500) + "}", "malformed JSON");
    }

    @Test
    void a_number_beyond_the_parser_limit_is_a_400() {
        assertRefused("{\"count\": " + "9".repeat(5_000) + "}", "malformed JSON");
    }

    @Test
    void another_json_type_is_a_400_naming_it() {
        assertRefused("[1]", "must be a JSON object, got array");
    }

    @Test
    void an_object_is_read() {
        assertThat(JsonValues.object("{\"a\": [1]}").getJsonArray("a")).hasSize(1);
    }

    private static void assertRefused(String body, String message) {
        assertThatThrownBy(() -> JsonValues.object(body)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors()).singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("body");
                    assertThat(p.message()).contains(message);
                }));
    }
}
