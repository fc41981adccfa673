package io.texium.scheduler.jobs.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.schedule.ScheduleSpec;
import jakarta.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JobLimitsTest {

    final JobLimits limits = new JobLimits(256, 100, 1000);

    @Test
    void a_schedule_within_the_limits_fits() {
        List<FieldProblem> problems = new ArrayList<>();
        String sixty = IntStream.range(0, 60).mapToObj(Integer::toString).collect(Collectors.joining(","));
        assertThat(limits.scheduleFits(ScheduleSpec.ofFields(null, null, null, null, null, null, sixty, sixty, "Europe/Berlin"),
                problems)).isTrue();
        assertThat(limits.scheduleFits(ScheduleSpec.ofCron("0 9 * * 1-5", "UTC"), problems)).isTrue();
        assertThat(problems).isEmpty();
    }

    @Test
    void a_value_past_the_length_limit_is_refused_before_it_is_parsed_naming_the_field_and_the_key() {
        List<FieldProblem> problems = new ArrayList<>();
        String huge = "0,".repeat(1_000_000) + "*";
        boolean fits = limits.scheduleFits(ScheduleSpec.ofFields(null, null, null, null, null, null, null, huge, "UTC")
                .withDates(null, "x".repeat(257)), problems);
        assertThat(fits).isFalse();
        assertThat(problems).containsExactly(
                new FieldProblem("second", "is 2000001 characters long; at most 256 are allowed (texium.limits.schedule-value-chars)"),
                new FieldProblem("end_date", "is 257 characters long; at most 256 are allowed (texium.limits.schedule-value-chars)"));
    }

    @Test
    void a_field_or_crontab_part_with_too_many_items_is_refused() {
        String items = String.join(",", Collections.nCopies(101, "1"));
        List<FieldProblem> problems = new ArrayList<>();
        assertThat(limits.scheduleFits(ScheduleSpec.ofFields(null, null, null, null, null, items, null, null, null), problems)).isFalse();
        assertThat(limits.scheduleFits(ScheduleSpec.ofCron("0 " + items + " * * *", null), problems)).isFalse();
        assertThat(problems).containsExactly(
                new FieldProblem("hour", "has 101 comma-separated items; at most 100 are allowed (texium.limits.schedule-list-items)"),
                new FieldProblem("cron", "has 101 comma-separated items; at most 100 are allowed (texium.limits.schedule-list-items)"));
    }

    @Test
    void arguments_are_sized_as_their_json() {
        List<Object> args = List.of("é", 12L, true, List.of(), Map.of("k", 1.5));
        String json = Json.createArrayBuilder().add("é").add(12L).add(true).add(Json.createArrayBuilder())
                .add(Json.createObjectBuilder().add("k", 1.5)).build().toString();
        assertThat(JobArguments.jsonBytes(args, Long.MAX_VALUE)).isEqualTo(json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(JobArguments.jsonBytes(Map.of(), Long.MAX_VALUE)).isEqualTo(2);
    }

    @Test
    void arguments_past_the_size_limit_are_refused_naming_the_field() {
        List<FieldProblem> problems = new ArrayList<>();
        limits.checkArguments(new Job().pubArgs(List.of("x".repeat(996))).pubKwargs(Map.of("k", "x".repeat(2000))), problems);
        assertThat(problems).containsExactly(
                new FieldProblem("pub_kwargs", "is larger than 1000 bytes as JSON (texium.limits.job-arguments-bytes)"));
        problems.clear();
        limits.checkArguments(new Job().pubArgs(List.of("x".repeat(996), 1L)).pubKwargs(Map.of()), problems);
        assertThat(problems).extracting(FieldProblem::field).containsExactly("pub_args");
    }
}
