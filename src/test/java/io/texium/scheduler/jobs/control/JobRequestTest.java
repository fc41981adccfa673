package io.texium.scheduler.jobs.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.problems.InvalidRequestException;
import io.texium.scheduler.schedule.ScheduleSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
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
        assertThat(job.schedule().minute()).isEqualTo("*/5");
        assertThat(job.pubArgs()).containsExactly("Hello", "World", 3L, 1.5, true, null);
        assertThat(job.pubKwargs()).isEqualTo(Map.of("k", Map.of("n", List.of(1L))));
    }

    @Test
    void a_partial_update_changes_only_what_it_names() {
        var job = new Job().name("kept").schedule(fields("9", "5"));
        var request = JobRequest.of("{\"hour\": 10, \"id\": \"ignored\", \"next_run_time\": \"x\"}");
        request.applyTo(job);
        assertThat(job.name()).isEqualTo("kept");
        assertThat(job.schedule().minute()).isEqualTo("5");
        assertThat(job.schedule().hour()).isEqualTo("10");
        assertThat(request.changesSchedule()).isTrue();
        assertThat(JobRequest.of("{\"name\": \"n\"}").changesSchedule()).isFalse();
    }

    @Test
    void day_is_an_alias_of_day_of_month_and_null_clears_a_field() {
        var job = new Job().schedule(ScheduleSpec.ofFields(null, null, "1", null, null, "3", null, null, null));
        JobRequest.of("{\"day\": \"last\", \"hour\": null}").applyTo(job);
        assertThat(job.schedule().dayOfMonth()).isEqualTo("last");
        assertThat(job.schedule().hour()).isNull();
    }

    @Test
    void a_crontab_line_replaces_the_fields_and_a_field_replaces_the_line() {
        var job = new Job().schedule(fields("9", "5"));
        JobRequest.of("{\"cron\": \"*/10 * * * *\"}").applyTo(job);
        assertThat(job.schedule().cron()).isEqualTo("*/10 * * * *");
        assertThat(job.schedule().minute()).isNull();
        JobRequest.of("{\"hour\": \"8\"}").applyTo(job);
        assertThat(job.schedule().cron()).isNull();
        assertThat(job.schedule().hour()).isEqualTo("8");
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

    @Nested
    @DisplayName("a schedule without a job, as the preview reads it")
    class ScheduleAlone {

        static final String BODY = """
                {"minute": 5, "hour": " 9-17 ", "day": "last", "timezone": "Europe/Berlin", "start_date": "2026-12-01"}""";

        @Test
        void reads_integers_trims_and_takes_day_for_day_of_month() {
            assertThat(JobRequest.of(BODY).applyTo(ScheduleSpec.NONE)).isEqualTo(
                    new ScheduleSpec(null, null, "last", null, null, "9-17", "5", null, "Europe/Berlin", "2026-12-01", null, null));
        }

        @Test
        void gives_the_schedule_a_job_would_get() {
            var job = new Job();
            JobRequest.of(BODY).applyTo(job);
            assertThat(JobRequest.of(BODY).applyTo(ScheduleSpec.NONE)).isEqualTo(job.schedule());
        }

        @Test
        void applies_over_a_given_schedule_as_over_a_job() {
            assertThat(JobRequest.of("{\"cron\": \"0 9 * * 1-5\"}").applyTo(fields("9", "5")))
                    .isEqualTo(ScheduleSpec.ofCron("0 9 * * 1-5", null));
        }

        @Test
        void refuses_a_field_that_is_not_of_a_schedule() {
            assertThatThrownBy(() -> JobRequest.of("{\"minute\": 1.5, \"name\": \"x\"}").applyTo(ScheduleSpec.NONE))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.errors()).extracting(FieldProblem::field).containsExactly("minute", "name"));
        }
    }

    static ScheduleSpec fields(String hour, String minute) {
        return ScheduleSpec.ofFields(null, null, null, null, null, hour, minute, null, null);
    }
}
