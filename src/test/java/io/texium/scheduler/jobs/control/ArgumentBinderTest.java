package io.texium.scheduler.jobs.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.texium.scheduler.builtin.cleanup.DataCleanupJob;
import io.texium.scheduler.builtin.echo.EchoJob;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.jobs.spi.JobDefinition;
import io.texium.scheduler.jobs.spi.ScheduledJob;
import io.texium.scheduler.problems.FieldProblem;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Binding pub_args by position and pub_kwargs by name to a described job class, and what is refused. */
class ArgumentBinderTest {

    @JobDefinition(value = "test.Sample", name = "Sample", arguments = {
            @JobDefinition.Argument(name = "url", required = true),
            @JobDefinition.Argument(name = "timeout_seconds", type = Arguments.INTEGER, defaultValue = "10"),
            @JobDefinition.Argument(name = "method", allowed = {"GET", "POST"}, defaultValue = "\"POST\""),
            @JobDefinition.Argument(name = "headers", type = Arguments.STRING_MAP),
            @JobDefinition.Argument(name = "to", type = Arguments.STRINGS),
            @JobDefinition.Argument(name = "password", secret = true)},
            exampleKwargs = "{\"url\": \"https://example.com/hook\"}")
    static class Sample {
    }

    static final JobCatalog.JobType SAMPLE = JobCatalog.describe(Sample.class);

    static ArgumentBinder.Bound bind(List<Object> args, Map<String, Object> kwargs) {
        return ArgumentBinder.bind(SAMPLE, args, kwargs);
    }

    @Test
    void positional_arguments_take_the_described_order_and_defaults_fill_the_rest() {
        var bound = bind(List.of("https://example.com", 5L), Map.of("to", List.of("a@example.com")));
        assertThat(bound.problems()).isEmpty();
        var a = bound.arguments();
        assertThat(a.string("url")).isEqualTo("https://example.com");
        assertThat(a.integer("timeout_seconds", 0)).isEqualTo(5);
        assertThat(a.string("method")).isEqualTo("POST");
        assertThat(a.strings("to")).containsExactly("a@example.com");
        assertThat(a.field("url")).isEqualTo("pub_args[0]");
        assertThat(a.field("to")).isEqualTo("pub_kwargs.to");
        assertThat(a.has("headers")).isFalse();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            timeout_seconds | "ten"             | pub_kwargs.timeout_seconds | must be an integer
            timeout_seconds | 2.5               | pub_kwargs.timeout_seconds | must be an integer
            method          | "PUT"             | pub_kwargs.method          | must be one of GET, POST
            headers         | {"X-A": 1}        | pub_kwargs.headers         | must be an object whose values are strings
            to              | ["a@x.org", 2]    | pub_kwargs.to              | must be a list of strings
            url             | ""                | pub_kwargs.url             | must not be empty
            nonsense        | 1                 | pub_kwargs.nonsense        | is not an argument of test.Sample (url, timeout_seconds, method, headers, to, password)
            """)
    void a_named_argument_that_does_not_fit_is_refused_naming_its_field(String name, String json, String field, String message) {
        Map<String, Object> kwargs = new java.util.HashMap<>(Map.of("url", "https://example.com"));
        kwargs.put(name, io.texium.scheduler.platform.JsonValues.toJava(io.texium.scheduler.platform.JsonValues.parse(json)));
        assertThat(bind(List.of(), kwargs).problems()).containsExactly(new FieldProblem(field, message));
    }

    @Test
    void missing_required_too_many_positional_and_twice_given_are_refused() {
        assertThat(bind(List.of(), Map.of()).problems()).containsExactly(new FieldProblem("pub_kwargs.url", "is required"));
        assertThat(bind(List.of("u", 1L, "GET", Map.of(), List.of(), "p", "extra"), Map.of()).problems())
                .containsExactly(new FieldProblem("pub_args[6]", "test.Sample takes at most 6 positional arguments"
                        + " (url, timeout_seconds, method, headers, to, password)"));
        assertThat(bind(List.of("u"), Map.of("url", "v")).problems())
                .containsExactly(new FieldProblem("pub_kwargs.url", "is also given by position, as pub_args[0]"));
    }

    @Test
    void wildcards_accept_anything() {
        var echo = JobCatalog.describe(EchoJob.class);
        assertThat(ArgumentBinder.bind(echo, List.of(1L, "two", List.of()), Map.of("any", Map.of("x", true))).problems()).isEmpty();
    }

    @Test
    void the_description_lists_defaults_examples_and_secrets() {
        assertThat(SAMPLE.arguments()).extracting(JobCatalog.Argument::name, JobCatalog.Argument::defaultValue,
                        JobCatalog.Argument::secret)
                .contains(org.assertj.core.groups.Tuple.tuple("timeout_seconds", 10L, false),
                        org.assertj.core.groups.Tuple.tuple("method", "POST", false),
                        org.assertj.core.groups.Tuple.tuple("password", null, true));
        assertThat(SAMPLE.examplePubKwargs()).containsEntry("url", "https://example.com/hook");
        assertThat(bind(List.of(), SAMPLE.examplePubKwargs()).problems()).isEmpty();
    }

    @Nested
    @DisplayName("secret arguments")
    class Secrets {

        final JobCatalog catalog = new JobCatalog() {
            @Override
            public Optional<JobType> find(String jobClassString) {
                return Optional.of(SAMPLE);
            }
        };

        Job job(List<Object> args, Map<String, Object> kwargs) {
            return new Job().jobClassString("test.Sample").pubArgs(args).pubKwargs(kwargs);
        }

        @Test
        void are_masked_by_name_and_by_position() {
            var byName = job(List.of(), Map.of("url", "u", "password", "s3cret"));
            assertThat(catalog.maskedKwargs(byName)).containsEntry("password", JobCatalog.MASK).containsEntry("url", "u");
            var byPosition = job(List.of("u", 1L, "GET", Map.of(), List.of(), "s3cret"), Map.of());
            assertThat(catalog.maskedArgs(byPosition)).containsExactly("u", 1L, "GET", Map.of(), List.of(), JobCatalog.MASK);
        }

        @Test
        void sent_back_masked_they_keep_the_stored_value_and_a_new_value_replaces_it() {
            var stored = job(List.of(), Map.of("url", "u", "password", "s3cret"));
            var echoed = job(List.of(), Map.of("url", "u2", "password", JobCatalog.MASK));
            catalog.keepSecrets(stored, echoed);
            assertThat(echoed.pubKwargs()).containsEntry("password", "s3cret").containsEntry("url", "u2");
            var changed = job(List.of(), Map.of("url", "u", "password", "new"));
            catalog.keepSecrets(stored, changed);
            assertThat(changed.pubKwargs()).containsEntry("password", "new");
        }
    }

    @Nested
    @DisplayName("a stored job checked against its class (what its view lists as warnings)")
    class Stored {

        final JobCatalog catalog = new JobCatalog() {
            @Override
            public Optional<JobType> find(String jobClassString) {
                return Optional.of(JobCatalog.describe(DataCleanupJob.class));
            }

            @Override
            public Optional<Instance.Handle<ScheduledJob>> instantiate(String jobClassString) {
                return Optional.of(new Instance.Handle<>() {
                    @Override
                    public ScheduledJob get() {
                        return new DataCleanupJob();
                    }

                    @Override
                    public Bean<ScheduledJob> getBean() {
                        return null;
                    }

                    @Override
                    public void destroy() {
                    }

                    @Override
                    public void close() {
                    }
                });
            }
        };

        Job job(Map<String, Object> kwargs) {
            return new Job().jobClassString("jobs.cleanup.DataCleanupJob").pubArgs(List.of()).pubKwargs(kwargs);
        }

        @Test
        void arguments_that_no_longer_fit_are_listed_first_then_the_classes_own_rules() {
            assertThat(catalog.problems(job(Map.of("days", "thirty", "colour", "blue"))))
                    .extracting(FieldProblem::field).containsExactlyInAnyOrder("pub_kwargs.days", "pub_kwargs.colour");
            assertThat(catalog.problems(job(Map.of("days", 0L)))).containsExactly(
                    new FieldProblem("pub_kwargs.days", "must be from 1 to 36500"));
            assertThat(catalog.problems(job(Map.of("days", 7L)))).isEmpty();
        }
    }
}
