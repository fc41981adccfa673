package io.texium.scheduler.notifications.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.texium.scheduler.executions.control.ExecutionNotes;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.executions.entity.NotificationAttempt;
import io.texium.scheduler.guard.OutboundAddresses;
import io.texium.scheduler.jobs.control.JobIndex;
import io.texium.scheduler.jobs.entity.Notify;
import io.texium.scheduler.platform.LocalHttp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which outcomes are told to whom, the bound of the queue, and the attempts recorded on the execution. */
class NotifierTest {

    static final String OWN_JOB = "6b0c194b3f2b65e02e3b22d4";
    static final String OTHER_JOB = "6b0c194b3f2b65e02e3b22d5";

    final Map<String, Notify> settings = new HashMap<>();
    final Map<String, List<NotificationAttempt>> recorded = new HashMap<>();
    final Notifier cut = new Notifier();

    {
        cut.index = new JobIndex() {
            @Override
            public Notify notifySetting(String jobId) {
                return settings.get(jobId);
            }
        };
        cut.notes = new ExecutionNotes() {
            @Override
            public void add(String executionId, List<NotificationAttempt> attempts) {
                recorded.computeIfAbsent(executionId, k -> new ArrayList<>()).addAll(attempts);
            }
        };
        cut.addresses = OutboundAddresses.allowing(null);
        cut.defaultOn = "failed,timeout,missed";
        cut.defaultEmails = Optional.of("ops@example.com");
        cut.defaultWebhooks = Optional.empty();
        cut.configure();
    }

    static Execution ended(String jobId, ExecutionStatus status) {
        return NotificationSenderTest.failed().jobId(jobId).status(status);
    }

    @Test
    void a_job_without_notify_follows_the_default_and_a_job_with_it_replaces_the_default() {
        settings.put(OWN_JOB, new Notify(List.of("succeeded"), List.of("dev@example.com"), List.of()));
        Notify defaults = cut.defaults();

        assertThat(cut.whomToTell(ended(OTHER_JOB, ExecutionStatus.failed))).isEqualTo(defaults);
        assertThat(cut.whomToTell(ended(OTHER_JOB, ExecutionStatus.missed))).isEqualTo(defaults);
        assertThat(cut.whomToTell(ended(OTHER_JOB, ExecutionStatus.succeeded))).isNull();
        assertThat(cut.whomToTell(ended(OWN_JOB, ExecutionStatus.failed))).isNull();
        assertThat(cut.whomToTell(ended(OWN_JOB, ExecutionStatus.succeeded))).isEqualTo(settings.get(OWN_JOB));
    }

    @Test
    void a_failed_attempt_that_is_retried_tells_no_one_and_its_last_attempt_does() {
        Notify defaults = cut.defaults();

        assertThat(cut.whomToTell(ended(OTHER_JOB, ExecutionStatus.failed).nextAttemptId("%024x".formatted(7)))).isNull();
        assertThat(cut.whomToTell(ended(OTHER_JOB, ExecutionStatus.timeout).attempt(2))).isEqualTo(defaults);
    }

    @Test
    void a_default_without_targets_tells_no_one_and_unusable_default_entries_are_left_out() {
        cut.defaultOn = "failed, exploded";
        cut.defaultEmails = Optional.of("not an address, ops@example.com");
        cut.defaultWebhooks = Optional.of("http://127.0.0.1/hook, https://hooks.example.com/x");
        assertThat(cut.defaults()).isEqualTo(new Notify(List.of("failed"), List.of("ops@example.com"),
                List.of("https://hooks.example.com/x")));

        cut.defaultEmails = Optional.empty();
        cut.defaultWebhooks = Optional.empty();
        assertThat(cut.defaults().wants("failed")).isFalse();
    }

    @Test
    void the_queue_is_bounded_and_what_does_not_fit_is_dropped_and_counted() {
        // no sending thread: nothing leaves the queue
        settings.put(OWN_JOB, new Notify(List.of("failed"), List.of("dev@example.com"), List.of()));
        List<Execution> many = new ArrayList<>();
        for (int i = 0; i < Notifier.QUEUE + 25; i++) {
            many.add(ended(OWN_JOB, ExecutionStatus.failed));
        }
        many.add(ended(OWN_JOB, ExecutionStatus.succeeded));

        cut.ended(many);

        assertThat(cut.dropped()).isEqualTo(25);
    }

    @Test
    void a_delivery_records_every_attempt_on_the_execution_the_failed_ones_too() {
        var smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        try (var http = new LocalHttp()) {
            cut.sender = NotificationSenderTest.sender(smtp.getSmtp().getPort(), "127.0.0.1");
            var x = ended(OWN_JOB, ExecutionStatus.failed);
            cut.deliver(new Notifier.Pending(x, new Notify(List.of("failed"), List.of("dev@example.com"),
                    List.of(http.url("/ok"), http.url("/status/503")))));

            assertThat(recorded.get(x.id())).extracting(NotificationAttempt::channel, NotificationAttempt::ok)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("email", true),
                            org.assertj.core.groups.Tuple.tuple("webhook", true),
                            org.assertj.core.groups.Tuple.tuple("webhook", false));
            assertThat(smtp.getReceivedMessages()).hasSize(1);
        } finally {
            smtp.stop();
        }
    }
}
