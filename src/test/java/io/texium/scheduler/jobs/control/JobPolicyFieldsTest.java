package io.texium.scheduler.jobs.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.jobs.entity.RunPolicy;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.problems.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The run policy fields of a job request: read with their types, and their ranges and list rules. */
class JobPolicyFieldsTest {

    static final String A = "6b0c194b3f2b65e02e3b22d4";
    static final String B = "6b0c194b3f2b65e02e3b22d5";

    static Job applied(String body) {
        Job job = new Job();
        JobRequest.of(body).applyTo(job);
        return job;
    }

    static List<FieldProblem> refused(String body) {
        List<FieldProblem> problems = new ArrayList<>();
        assertThatThrownBy(() -> applied(body)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> problems.addAll(e.errors()));
        return problems;
    }

    static List<FieldProblem> checked(Job job) {
        List<FieldProblem> problems = new ArrayList<>();
        JobPolicyFields.check(job, problems);
        return problems;
    }

    @Nested
    @DisplayName("read from a request")
    class Reading {

        @Test
        void every_field_with_its_type() {
            Job job = applied("""
                    {"max_retries": 3, "retry_delay_seconds": 60, "retry_backoff": 1.5, "retry_max_delay_seconds": 900,
                     "timeout_seconds": 1800, "max_instances": 2, "misfire_grace_seconds": 0, "coalesce": false,
                     "on_success": ["%s"], "on_failure": [" %s ", "%s"]}""".formatted(A, B.toUpperCase(), A));
            assertThat(job.policy()).isEqualTo(new RunPolicy(3, 60, 1.5, 900, 1800L, 2, 0, false, List.of(A), List.of(B, A)));
        }

        @Test
        void null_sets_each_back_to_its_default_and_an_empty_chain_is_none() {
            Job job = new Job().maxRetries(3).retryDelaySeconds(5L).retryBackoff(3.0).retryMaxDelaySeconds(10L)
                    .timeoutSeconds(5L).maxInstances(4).misfireGraceSeconds(1L).coalesce(false).onSuccess(List.of(A))
                    .onFailure(List.of(B));
            JobRequest.of("""
                    {"max_retries": null, "retry_delay_seconds": null, "retry_backoff": null, "retry_max_delay_seconds": null,
                     "timeout_seconds": null, "max_instances": null, "misfire_grace_seconds": null, "coalesce": null,
                     "on_success": null, "on_failure": []}""").applyTo(job);
            assertThat(job.policy()).isEqualTo(RunPolicy.DEFAULT);
            assertThat(JobPolicyFields.snapshot(job).values()).containsOnlyNulls();
        }

        @Test
        void an_integer_may_be_written_with_a_zero_fraction_or_an_exponent() {
            assertThat(applied("{\"max_retries\": 2.0, \"retry_delay_seconds\": 1e2}").policy())
                    .extracting(RunPolicy::maxRetries, RunPolicy::retryDelaySeconds).containsExactly(2, 100L);
        }

        @ParameterizedTest(name = "{0} = {1}")
        @CsvSource(delimiter = '|', textBlock = """
                max_retries             | 1.5                                 | must be an integer from 0 to 100, or null for the default
                max_retries             | "3"                                 | must be an integer from 0 to 100, or null for the default
                max_retries             | 101                                 | must be an integer from 0 to 100
                retry_delay_seconds     | 0                                   | must be an integer from 1 to 86,400
                retry_delay_seconds     | 1e999999999                         | must be an integer from 1 to 86,400
                retry_max_delay_seconds | 123456789012345678901234567890      | must be an integer from 1 to 604,800
                timeout_seconds         | -1                                  | must be an integer from 1 to 604,800
                timeout_seconds         | true                                | must be an integer from 1 to 604,800, or null for the default
                max_instances           | 1001                                | must be an integer from 1 to 1,000
                misfire_grace_seconds   | 2592001                             | must be an integer from 0 to 2,592,000
                retry_backoff           | 0.99                                | must be a number from 1 to 10
                retry_backoff           | 1e309                               | must be a number from 1 to 10
                retry_backoff           | []                                  | must be a number from 1 to 10, or null for the default
                coalesce                | 1                                   | must be true, false or null (the default, true)
                on_success              | "x"                                 | must be a JSON array of job ids, or null for none
                on_failure              | {}                                  | must be a JSON array of job ids, or null for none
                """)
        void a_value_of_the_wrong_type_or_out_of_range_names_the_field(String field, String value, String message) {
            assertThat(refused("{\"" + field + "\": " + value + "}")).containsExactly(new FieldProblem(field, message));
        }

        @Test
        void a_chain_item_that_is_not_a_string_names_its_index() {
            assertThat(refused("{\"on_success\": [\"%s\", 1, null]}".formatted(A))).extracting(FieldProblem::field)
                    .containsExactly("on_success[1]", "on_success[2]");
        }

        @Test
        void a_chain_names_at_most_twenty_jobs() {
            String ids = String.join(",", java.util.Collections.nCopies(21, "\"" + A + "\""));
            assertThat(refused("{\"on_failure\": [" + ids + "]}"))
                    .containsExactly(new FieldProblem("on_failure", "must name at most 20 jobs"));
        }
    }

    @Nested
    @DisplayName("checked when the job is saved")
    class Checking {

        @Test
        void the_defaults_pass() {
            assertThat(checked(new Job().id(A))).isEmpty();
        }

        @Test
        void the_bounds_of_each_range_pass() {
            assertThat(checked(new Job().id(A).maxRetries(100).retryDelaySeconds(86_400L).retryBackoff(10.0)
                    .retryMaxDelaySeconds(604_800L).timeoutSeconds(604_800L).maxInstances(1_000)
                    .misfireGraceSeconds(2_592_000L))).isEmpty();
            assertThat(checked(new Job().id(A).maxRetries(0).retryDelaySeconds(1L).retryBackoff(1.0)
                    .retryMaxDelaySeconds(1L).timeoutSeconds(1L).maxInstances(1).misfireGraceSeconds(0L))).isEmpty();
        }

        @Test
        void the_longest_retry_delay_is_compared_with_the_first_only_when_both_are_set() {
            assertThat(checked(new Job().id(A).retryDelaySeconds(7_200L))).isEmpty();
            assertThat(checked(new Job().id(A).retryDelaySeconds(7_200L).retryMaxDelaySeconds(7_199L)))
                    .extracting(FieldProblem::field).containsExactly("retry_max_delay_seconds");
        }

        @Test
        void a_chain_may_name_a_job_once_per_list_and_never_the_job_itself() {
            assertThat(checked(new Job().id(A).onSuccess(List.of(B, A, B)).onFailure(List.of(B)))).containsExactly(
                    new FieldProblem("on_success[1]", "is this job itself; a job cannot chain to itself"),
                    new FieldProblem("on_success[2]", "names the same job as on_success[0]"));
        }
    }
}
