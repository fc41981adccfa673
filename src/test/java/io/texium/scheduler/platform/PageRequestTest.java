package io.texium.scheduler.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.problems.InvalidRequestException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageRequestTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "null, null, 1, 50, 0",
            "2,    10,   2, 10, 10",
            "3,    500,  3, 500, 1000"})
    void reads_page_and_size(String page, String size, int expectedPage, int expectedSize, int expectedSkip) {
        var request = PageRequest.of(page, size);
        assertThat(request.page()).isEqualTo(expectedPage);
        assertThat(request.size()).isEqualTo(expectedSize);
        assertThat(request.skip()).isEqualTo(expectedSkip);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "0,    null, page",
            "-1,   null, page",
            "x,    null, page",
            "null, 501,  page_size",
            "null, 0,    page_size"})
    void refuses_bad_values_naming_the_parameter(String page, String size, String field) {
        assertThatThrownBy(() -> PageRequest.of(page, size))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly(field));
    }
}
