package io.texium.scheduler.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.problems.InvalidRequestException;
import jakarta.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Date-times from clients, as query values and as JSON fields, are refused outside the years 1970 to 9999. */
class InstantRangeTest {

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "2026-11-28T09:00:00+01:00", "9999-12-31T23:59:59.999999999Z",
            "1970-01-01T01:00:00+01:00"})
    void accepts_the_years_1970_to_9999(String text) {
        Instant expected = java.time.OffsetDateTime.parse(text).toInstant();
        assertThat(QueryParams.instant("since", text)).isEqualTo(expected);
        List<FieldProblem> problems = new ArrayList<>();
        assertThat(JsonFields.instant("expires_at", Json.createValue(text), problems)).isEqualTo(expected);
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T00:00:00Z", "-999999999-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z", "9999-12-31T23:00:00-05:00"})
    void refuses_other_years_naming_the_field(String text) {
        assertThatThrownBy(() -> QueryParams.instant("until", text)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors()).singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("until");
                    assertThat(p.message()).contains(InstantRange.PROBLEM);
                }));
        List<FieldProblem> problems = new ArrayList<>();
        assertThat(JsonFields.instant("expires_at", Json.createValue(text), problems)).isNull();
        assertThat(problems).containsExactly(new FieldProblem("expires_at", InstantRange.PROBLEM));
    }
}
