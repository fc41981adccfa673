package io.texium.scheduler.jobs.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.problems.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobRequestTest {

    @Test
    void applies_the_readme_example() {
        var job = new Job();
        JobRequest.of("""
                {"user_id": "u", "job_class_string": "jobs.echo.EchoJob", "name": "Test Job",
                 "minute": "*/5", "pub_args": ["Hello", "World", 3, 1.5, true, null], "pub_kwargs": {"k": {"n": [1]}}}""")
                .applyTo(job);
        assertThat(job.userId()).isEqualTo("u");
        assertThat(job.minute()).isEqualTo("*/5");
        assertThat(job.pubArgs()).containsExactly("Hello", "World", 3L, 1.5, true, null);
        assertThat(job.pubKwargs()).isEqualTo(Map.of("k", Map.of("n", List.of(1L))));
    }

    @Test
    void a_partial_update_changes_only_what_it_names() {
        var job = new Job().name("kept").minute("5").hour("9");
        var request = JobRequest.of("{\"hour\": 10, \"id\": \"ignored\", \"next_run_time\": \"x\"}");
        request.applyTo(job);
        assertThat(job.name()).isEqualTo("kept");
        assertThat(job.minute()).isEqualTo("5");
        assertThat(job.hour()).isEqualTo("10");
        assertThat(request.changesSchedule()).isTrue();
        assertThat(JobRequest.of("{\"name\": \"n\"}").changesSchedule()).isFalse();
    }

    @Test
    void day_is_an_alias_of_day_of_month_and_null_clears_a_field() {
        var job = new Job().dayOfMonth("1").hour("3");
        JobRequest.of("{\"day\": \"last\", \"hour\": null}").applyTo(job);
        assertThat(job.dayOfMonth()).isEqualTo("last");
        assertThat(job.hour()).isNull();
    }

    @Test
    void a_crontab_line_replaces_the_fields_and_a_field_replaces_the_line() {
        var job = new Job().minute("5").hour("9");
        JobRequest.of("{\"cron\": \"*/10 * * * *\"}").applyTo(job);
        assertThat(job.cron()).isEqualTo("*/10 * * * *");
        assertThat(job.minute()).isNull();
        JobRequest.of("{\"hour\": \"8\"}").applyTo(job);
        assertThat(job.cron()).isNull();
        assertThat(job.hour()).isEqualTo("8");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"minute\": 1.5}                          | minute",
            "{\"minute\": [1]}                          | minute",
            "{\"name\": \"  \"}                         | name",
            "{\"name\": 3}                              | name",
            "{\"pub_args\": {}}                         | pub_args",
            "{\"pub_kwargs\": []}                       | pub_kwargs",
            "{\"is_enabled\": \"yes\"}                  | is_enabled",
            "{\"minutes\": \"5\"}                       | minutes",
            "{\"day\": \"1\", \"day_of_month\": \"2\"}  | day",
            "{\"cron\": \"* * * * *\", \"minute\": \"1\"} | cron"})
    void refuses_wrong_types_naming_the_field(String body, String field) {
        assertThatThrownBy(() -> JobRequest.of(body).applyTo(new Job()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.errors()).extracting(FieldProblem::field).contains(field));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{oops", "[]", "\"text\"", "''"})
    void refuses_a_body_that_is_not_a_json_object(String body) {
        assertThatThrownBy(() -> JobRequest.of(body))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.errors()).extracting(FieldProblem::field).containsExactly("body"));
    }
}
