package io.texium.scheduler.jobs.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.texium.scheduler.guard.OutboundAddresses;
import io.texium.scheduler.jobs.entity.Job;
import io.texium.scheduler.jobs.entity.Notify;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.problems.InvalidRequestException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JobNotifyTest {

    static final String SLACK = "https://hooks.slack.com/services/T000/B000/SECRETTOKEN";

    final JobNotify cut = new JobNotify();

    {
        cut.addresses = OutboundAddresses.allowing(null);
    }

    static Notify read(String body) {
        var job = new Job();
        JobRequest.of(body).applyTo(job);
        return job.notifySetting();
    }

    List<String> problems(Notify notify) {
        List<FieldProblem> problems = new ArrayList<>();
        cut.check(notify, problems);
        return problems.stream().map(p -> p.field() + ": " + p.message()).toList();
    }

    @Nested
    @DisplayName("read from a request")
    class Reading {

        @Test
        void an_object_of_string_lists_is_kept_and_null_clears_it() {
            var notify = read("{\"notify\": {\"on\": [\"failed\", \"missed\"], \"emails\": [\"ops@example.com\"], \"webhooks\": [\""
                    + SLACK + "\"]}}");
            assertThat(notify).isEqualTo(new Notify(List.of("failed", "missed"), List.of("ops@example.com"), List.of(SLACK)));
            var job = new Job().notifySetting(notify);
            JobRequest.of("{\"notify\": null}").applyTo(job);
            assertThat(job.notifySetting()).isNull();
        }

        @Test
        void a_missing_list_is_empty() {
            assertThat(read("{\"notify\": {\"on\": [\"failed\"]}}")).isEqualTo(new Notify(List.of("failed"), List.of(), List.of()));
        }

        @Test
        void each_part_of_the_wrong_type_is_named() {
            assertThatThrownBy(() -> read("{\"notify\": {\"on\": \"failed\", \"emails\": [\"a@example.com\", 3], \"to\": []}}"))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldProblem::field)
                            .containsExactlyInAnyOrder("notify.on", "notify.emails[1]", "notify.to"));
            assertThatThrownBy(() -> read("{\"notify\": [\"failed\"]}"))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldProblem::field)
                            .containsExactly("notify"));
        }
    }

    @Nested
    @DisplayName("checked when saved")
    class Checking {

        @Test
        void a_sound_setting_passes() {
            assertThat(problems(new Notify(List.of("failed", "timeout", "missed", "skipped", "succeeded"),
                    List.of("ops@example.com", "Ops <ops@example.org>"), List.of(SLACK, "http://hooks.example.com:8080/x")))).isEmpty();
        }

        @Test
        void unknown_outcomes_bad_addresses_and_refused_urls_are_named_by_position() {
            assertThat(problems(new Notify(List.of("failed", "exploded", "failed"), List.of("ops@example.com", "not an address"),
                    List.of("ftp://example.com/x", "http://127.0.0.1:9/hook", "http://169.254.169.254/latest"))))
                    .satisfiesExactlyInAnyOrder(
                            p -> assertThat(p).startsWith("notify.on: 'exploded' is not an outcome"),
                            p -> assertThat(p).startsWith("notify.on: names 'failed' twice"),
                            p -> assertThat(p).startsWith("notify.emails[1]: is not an e-mail address"),
                            p -> assertThat(p).startsWith("notify.webhooks[0]: must be an absolute http"),
                            p -> assertThat(p).startsWith("notify.webhooks[1]: ").contains("loopback"),
                            p -> assertThat(p).startsWith("notify.webhooks[2]: ").contains("link-local"));
        }

        @Test
        void the_lists_are_bounded() {
            assertThat(problems(new Notify(List.of("failed"), Collections.nCopies(21, "ops@example.com"),
                    Collections.nCopies(6, SLACK)))).containsExactlyInAnyOrder(
                    "notify.emails: must name at most 20 addresses", "notify.webhooks: must name at most 5 URLs");
        }

        @Test
        void an_allowed_host_may_be_called() {
            cut.addresses = OutboundAddresses.allowing("127.0.0.1");
            assertThat(problems(new Notify(List.of("failed"), List.of(), List.of("http://127.0.0.1:9/hook")))).isEmpty();
        }
    }

    @Nested
    @DisplayName("a webhook URL is a secret")
    class Masking {

        @Test
        void it_shows_up_to_its_host() {
            var notify = new Notify(List.of("failed"), List.of(), List.of(SLACK, "http://hooks.example.com:8080/a?token=x"));
            assertThat(notify.toMaskedMap().get("webhooks"))
                    .isEqualTo(List.of("https://hooks.slack.com/***", "http://hooks.example.com:8080/***"));
            assertThat(notify.toMaskedMap().toString()).doesNotContain("SECRETTOKEN", "token=x");
        }

        @Test
        void a_masked_url_sent_back_keeps_the_stored_one_and_a_new_one_replaces_it() {
            var previous = new Notify(List.of("failed"), List.of(), List.of(SLACK));
            var echoed = new Notify(List.of("failed", "missed"), List.of(), List.of("https://hooks.slack.com/***",
                    "https://other.example.com/new"));
            assertThat(JobNotify.keepSecrets(previous, echoed).webhooks()).containsExactly(SLACK, "https://other.example.com/new");
        }

        @Test
        void a_masked_url_with_nothing_stored_behind_it_is_refused() {
            var sent = JobNotify.keepSecrets(null, new Notify(List.of("failed"), List.of(), List.of("https://hooks.slack.com/***")));
            assertThat(problems(sent)).singleElement().asString().startsWith("notify.webhooks[0]: is masked");
        }
    }
}
