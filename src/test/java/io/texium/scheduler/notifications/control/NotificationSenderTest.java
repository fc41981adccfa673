package io.texium.scheduler.notifications.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.texium.scheduler.builtin.email.Mailer;
import io.texium.scheduler.executions.entity.Execution;
import io.texium.scheduler.executions.entity.ExecutionStatus;
import io.texium.scheduler.guard.OutboundAddresses;
import io.texium.scheduler.guard.OutboundHttp;
import io.texium.scheduler.jobs.entity.Notify;
import io.texium.scheduler.platform.JsonValues;
import io.texium.scheduler.platform.LocalHttp;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notifications sent for real: to an SMTP server (GreenMail) and an HTTP server in the test JVM. */
class NotificationSenderTest {

    static final Instant NOW = Instant.parse("2026-11-30T10:00:05Z");
    static final Instant DUE = Instant.parse("2026-11-30T10:00:00Z");

    GreenMail smtp;
    LocalHttp http;
    NotificationSender cut;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        http = new LocalHttp();
        cut = sender(smtp.getSmtp().getPort(), "127.0.0.1");
    }

    @AfterEach
    void stop() {
        smtp.stop();
        http.close();
    }

    static NotificationSender sender(int smtpPort, String allowedHosts) {
        var sender = new NotificationSender();
        sender.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        sender.mailer = Mailer.plain("127.0.0.1", smtpPort, "Texium <scheduler@texium.example>", 5000, sender.clock);
        sender.http = OutboundHttp.through(OutboundAddresses.allowing(allowedHosts));
        return sender;
    }

    static Execution failed() {
        return new Execution().id("674b2fa0e4b0a1b2c3d4e600").jobId("6b0c194b3f2b65e02e3b22d4").userId("u1")
                .jobName("Nightly export").jobClassString("jobs.webhook.WebhookJob").status(ExecutionStatus.failed)
                .trigger("schedule").scheduledTime(DUE).startedAt(DUE.plusMillis(40)).completedAt(DUE.plusMillis(1240))
                .durationMs(1200L).error("IllegalStateException: the server answered 500\n\tat a.b.C.run(C.java:1)")
                .instanceId("i-1").hostname("scheduler-1");
    }

    @Test
    void mails_every_address_once_with_what_happened() throws Exception {
        var attempts = cut.send(failed(), new Notify(List.of("failed"), List.of("ops@example.com", "dev@example.com"), List.of()));

        assertThat(attempts).singleElement().satisfies(a -> {
            assertThat(a.channel()).isEqualTo("email");
            assertThat(a.target()).isEqualTo("ops@example.com, dev@example.com");
            assertThat(a.ok()).isTrue();
            assertThat(a.at()).isEqualTo(NOW);
        });
        var mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(2); // one message, delivered to each recipient
        assertThat(mails[0].getSubject()).isEqualTo("[Texium] Nightly export failed");
        String body = GreenMailUtil.getBody(mails[0]);
        assertThat(body).contains("Nightly export", "failed", "674b2fa0e4b0a1b2c3d4e600", "2026-11-30T10:00:00Z",
                "1200 ms", "i-1", "the server answered 500");
    }

    @Test
    void posts_a_slack_compatible_text_and_the_execution() {
        var attempts = cut.send(failed(), new Notify(List.of("failed"), List.of(), List.of(http.url("/echo?token=SECRET"))));

        assertThat(attempts).singleElement().satisfies(a -> {
            assertThat(a.channel()).isEqualTo("webhook");
            assertThat(a.target()).isEqualTo("http://127.0.0.1:" + http.port() + "/***");
            assertThat(a.ok()).isTrue();
        });
        var seen = http.seen().get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.header("Content-Type")).startsWith("application/json");
        var json = JsonValues.object(seen.body());
        assertThat(json.getString("text")).startsWith("Texium: job \"Nightly export\" failed at 2026-11-30T10:00:01.240Z")
                .contains("the server answered 500").doesNotContain("\n");
        assertThat(json.getJsonObject("execution").getString("execution_id")).isEqualTo("674b2fa0e4b0a1b2c3d4e600");
        assertThat(json.getJsonObject("execution").getString("status")).isEqualTo("failed");
        // the owner's view: no stack trace leaves the server
        assertThat(json.getJsonObject("execution").getString("error")).doesNotContain("C.java");
    }

    @Test
    void a_failing_target_is_answered_as_a_failed_attempt_and_the_others_still_go() throws IOException {
        int closed;
        try (var socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        cut.mailer = Mailer.plain("127.0.0.1", closed, "scheduler@texium.example", 2000, cut.clock);
        var attempts = cut.send(failed(), new Notify(List.of("failed"), List.of("ops@example.com"),
                List.of(http.url("/status/500"), http.url("/ok"))));

        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(0).ok()).isFalse();
        assertThat(attempts.get(0).error()).contains("could not send mail");
        assertThat(attempts.get(1).ok()).isFalse();
        assertThat(attempts.get(1).error()).isEqualTo("the webhook answered HTTP 500");
        assertThat(attempts.get(2).ok()).isTrue();
    }

    @Test
    void the_address_guard_applies_and_the_url_stays_masked_in_the_error() {
        cut = sender(smtp.getSmtp().getPort(), null);
        String url = http.url("/hook/SECRETTOKEN");
        var attempts = cut.send(failed(), new Notify(List.of("failed"), List.of(), List.of(url)));

        assertThat(attempts).singleElement().satisfies(a -> {
            assertThat(a.ok()).isFalse();
            assertThat(a.error()).contains("loopback").doesNotContain("SECRETTOKEN");
            assertThat(a.target()).doesNotContain("SECRETTOKEN");
        });
        assertThat(http.seen()).isEmpty();
    }
}
