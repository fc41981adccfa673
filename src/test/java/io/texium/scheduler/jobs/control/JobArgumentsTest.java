package io.texium.scheduler.jobs.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.problems.FieldProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {

    @Test
    void plain_values_lists_and_maps_are_kept() {
        assertThat(problems(List.of("a", 1L, 1.5, true, List.of("b"), Map.of("c", Map.of("d", List.of(2L)))),
                Map.of("a.b", 1L, "$c", "\u0000", "e", List.of()))).isEmpty();
    }

    @Test
    void a_null_inside_is_refused_naming_the_field() {
        assertThat(problems(Arrays.asList("a", null), Map.of())).containsExactly(
                new FieldProblem("pub_args", "holds a null, which a job cannot keep; leave the entry out"));
        assertThat(problems(List.of(List.of(mapOf("b", null))), Map.of())).extracting(FieldProblem::field).containsExactly("pub_args");
        assertThat(problems(List.of(), mapOf("greeting", null))).extracting(FieldProblem::field).containsExactly("pub_kwargs");
        assertThat(problems(List.of(), Map.of("a", mapOf("b", null)))).extracting(FieldProblem::field).containsExactly("pub_kwargs");
    }

    @Test
    void a_key_with_a_nul_character_is_refused() {
        assertThat(problems(List.of("x", Map.of("k\u0000", 1L)), Map.of("\u0000", 1L)))
                .extracting(FieldProblem::message).containsExactly("has a key with a NUL character", "has a key with a NUL character");
    }

    @Test
    void a_number_beyond_a_64_bit_float_is_refused() {
        assertThat(problems(List.of(Double.POSITIVE_INFINITY), Map.of("n", Double.NEGATIVE_INFINITY)))
                .extracting(FieldProblem::message).containsOnly("holds a number beyond a 64-bit float");
    }

    @Test
    void nesting_is_kept_up_to_the_limit() {
        assertThat(problems(nested(JobArguments.MAX_DEPTH), Map.of())).isEmpty();
        assertThat(problems(nested(JobArguments.MAX_DEPTH + 1), Map.of())).containsExactly(
                new FieldProblem("pub_args", "is nested deeper than " + JobArguments.MAX_DEPTH + " levels"));
    }

    /** A list holding {@code levels} lists, one inside the other. */
    private static List<Object> nested(int levels) {
        List<Object> outer = new ArrayList<>();
        List<Object> current = outer;
        for (int i = 0; i < levels; i++) {
            List<Object> inner = new ArrayList<>();
            current.add(inner);
            current = inner;
        }
        return outer;
    }

    private static Map<String, Object> mapOf(String key, Object value) {
        Map<String, Object> map = new HashMap<>();
        map.put(key, value);
        return map;
    }

    private static List<FieldProblem> problems(List<Object> args, Map<String, Object> kwargs) {
        List<FieldProblem> problems = new ArrayList<>();
        JobArguments.check(new Job().pubArgs(args).pubKwargs(kwargs), problems);
        return problems;
    }
}
