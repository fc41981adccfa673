package io.texium.scheduler.builtin.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.texium.scheduler.jobs.spi.Arguments;
import io.texium.scheduler.jobs.spi.JobContext;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The job and its {@link Mailer} against a real SMTP server (GreenMail) in the test JVM, reading what it delivered. */
class EmailNotificationJobTest {

    static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

    GreenMail smtp;
    Mailer mailer;
    EmailNotificationJob cut;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        mailer = mailer(smtp.getSmtp().getPort());
        cut = new EmailNotificationJob();
        cut.mailer = mailer;
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    static Mailer mailer(int port) {
        var m = new Mailer();
        m.host = Optional.of("127.0.0.1");
        m.port = port;
        m.username = Optional.empty();
        m.password = Optional.empty();
        m.from = Optional.of("Texium <scheduler@texium.example>");
        m.starttls = false;
        m.ssl = false;
        m.timeoutMs = 5000;
        m.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return m;
    }

    static Arguments args(List<String> to, List<String> cc, String subject, String body, boolean html) {
        Map<String, Object> values = new HashMap<>();
        values.put("to", to);
        values.put("cc", cc);
        values.put("subject", subject);
        values.put("body", body);
        values.put("html", html);
        return new Arguments(values, Map.of());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> run(Arguments arguments) {
        var context = new JobContext("job-1", "mail", "user-1", "exec-1", "manual", NOW, List.of(), arguments.asMap(), arguments);
        return (Map<String, Object>) cut.run(context);
    }

    MimeMessage[] delivered(int count) {
        assertThat(smtp.waitForIncomingEmail(5000, count)).as(count + " mails delivered").isTrue();
        return smtp.getReceivedMessages();
    }

    @Nested
    @DisplayName("sends")
    class Sends {

        @Test
        void a_plain_text_mail_to_its_recipients_and_copies() throws Exception {
            var output = run(args(List.of("Ops <ops@example.com>"), List.of("lead@example.com"), "Nightly run: äöü ✓",
                    "All jobs ran.\nSee you tomorrow.", false));

            MimeMessage[] mails = delivered(2);
            assertThat(mails).hasSize(2);
            MimeMessage mail = mails[0];
            assertThat(mail.getSubject()).isEqualTo("Nightly run: äöü ✓");
            assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                    .containsExactly("Ops <ops@example.com>");
            assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.CC)).map(Object::toString))
                    .containsExactly("lead@example.com");
            assertThat(mail.getFrom()[0].toString()).isEqualTo("Texium <scheduler@texium.example>");
            assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
            assertThat(((String) mail.getContent()).replace("\r\n", "\n")).isEqualTo("All jobs ran.\nSee you tomorrow.");
            assertThat(mail.getSentDate().toInstant()).isEqualTo(NOW);
            assertThat(output).containsEntry("to", List.of("Ops <ops@example.com>"))
                    .containsEntry("cc", List.of("lead@example.com"))
                    .containsEntry("subject", "Nightly run: äöü ✓")
                    .containsEntry("message_id", mail.getMessageID())
                    .doesNotContainKey("body");
            assertThat(smtp.getReceivedMessagesForDomain("example.com")).hasSize(2);
        }

        @Test
        void an_html_mail_as_text_html() throws Exception {
            run(args(List.of("ops@example.com"), List.of(), "Report", "<h1>Report</h1><p>3 runs</p>", true));
            MimeMessage mail = delivered(1)[0];
            assertThat(mail.getContentType()).startsWith("text/html");
            assertThat((String) mail.getContent()).isEqualTo("<h1>Report</h1><p>3 runs</p>");
        }

        @Test
        void attachments_after_the_body_for_other_jobs() throws Exception {
            var sent = mailer.send(List.of("ops@example.com"), List.of(), "Report", "<p>attached</p>", true,
                    List.of(new Mailer.Attachment("report.csv", "text/csv", "job,runs\necho,3\n".getBytes(StandardCharsets.UTF_8))));
            MimeMessage mail = delivered(1)[0];
            assertThat(mail.getMessageID()).isEqualTo(sent.messageId());
            var parts = (MimeMultipart) mail.getContent();
            assertThat(mail.getContentType()).startsWith("multipart/mixed");
            assertThat(parts.getCount()).isEqualTo(2);
            assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/html");
            assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("report.csv");
            assertThat(new String(parts.getBodyPart(1).getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n"))
                    .isEqualTo("job,runs\necho,3\n");
        }

        @Test
        void with_a_login_when_a_username_is_configured() throws Exception {
            smtp.setUser("scheduler@texium.example", "scheduler", "s3cret-pw");
            mailer.username = Optional.of("scheduler");
            mailer.password = Optional.of("s3cret-pw");
            run(args(List.of("ops@example.com"), List.of(), "Logged in", "hello", false));
            assertThat(delivered(1)[0].getSubject()).isEqualTo("Logged in");

            mailer.password = Optional.of("wrong-pw");
            assertThatThrownBy(() -> run(args(List.of("ops@example.com"), List.of(), "Refused", "hello", false)))
                    .hasMessageContaining("could not send mail through SMTP server 127.0.0.1:" + smtp.getSmtp().getPort())
                    .hasMessageNotContaining("wrong-pw")
                    .hasMessageNotContaining("s3cret-pw");
        }
    }

    @Nested
    @DisplayName("fails clearly")
    class Fails {

        @Test
        void when_the_smtp_server_is_down() throws IOException {
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            cut.mailer = mailer(port);
            assertThatThrownBy(() -> run(args(List.of("ops@example.com"), List.of(), "Down", "hello", false)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("could not send mail through SMTP server 127.0.0.1:" + port)
                    .hasMessageContaining("onnect");
        }

        @Test
        void when_mail_is_not_configured() {
            mailer.host = Optional.empty();
            mailer.from = Optional.empty();
            assertThatThrownBy(() -> run(args(List.of("ops@example.com"), List.of(), "Nowhere", "hello", false)))
                    .hasMessage("mail is not configured on this server: set texium.mail.host and texium.mail.from");
        }

        @Test
        void when_starttls_is_asked_for_and_the_server_does_not_offer_it() {
            smtp.setUser("scheduler@texium.example", "scheduler", "s3cret-pw");
            mailer.username = Optional.of("scheduler");
            mailer.password = Optional.of("s3cret-pw");
            mailer.starttls = true;
            assertThatThrownBy(() -> run(args(List.of("ops@example.com"), List.of(), "Plain", "hello", false)))
                    .hasMessageContaining("STARTTLS");
            assertThat(smtp.getReceivedMessages()).isEmpty();
        }
    }

    @Nested
    @DisplayName("when saved")
    class Check {

        @Test
        void good_arguments_pass() {
            assertThat(cut.check(args(List.of("ops@example.com", "Ops Team <team@ops.example.com>"),
                    List.of("a.b+c@example.co.uk"), "Subject", "body", false))).isEmpty();
        }

        @Test
        void bad_addresses_and_a_subject_that_injects_headers_are_named() {
            var problems = cut.check(args(List.of("ops@example.com", "not an address", "a@b.example, c@d.example",
                            "nodomain", "x@example.com\r\nBcc: victim@example.com"), List.of("grp: a@b.example;", ""),
                    "Hi\r\nBcc: victim@example.com", "body", false));
            assertThat(problems).extracting(Arguments.Problem::field).containsExactly("pub_kwargs.to[1]",
                    "pub_kwargs.to[2]", "pub_kwargs.to[3]", "pub_kwargs.to[4]", "pub_kwargs.cc[0]", "pub_kwargs.cc[1]",
                    "pub_kwargs.subject");
            assertThat(problems.getLast().reason()).isEqualTo("must be one line (no CR or LF)");
            assertThat(smtp.getReceivedMessages()).isEmpty();
        }

        @Test
        void no_recipient_or_too_many_are_refused() {
            assertThat(cut.check(args(List.of(), List.of(), "S", "b", false))).extracting(Arguments.Problem::field)
                    .containsExactly("pub_kwargs.to");
            var many = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "u" + i + "@example.com").toList();
            assertThat(cut.check(args(many, List.of(), "S", "b", false))).singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("at most 100"));
        }
    }
}
